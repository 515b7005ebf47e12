/**
 * A HELD booking whose hold has run out: the sweep has not released it yet, but its time is no
 * longer kept, so the coach's screens show it as expired rather than waiting for payment.
 */
export function holdExpired(booking: { status: string; holdExpiresAt: Date | null }, now: Date): boolean {
  return booking.status === "HELD" && booking.holdExpiresAt !== null && booking.holdExpiresAt <= now;
}
