import type { BookingStatus } from "../db/generated/client";

const HOUR_MS = 3_600_000;

/**
 * Whether the client may still reschedule or cancel through the manage link: the booking holds its
 * time (CONFIRMED, or HELD with an unexpired hold) and it is before start − the coach's cutoff.
 */
export function changeWindow(options: {
  booking: { status: BookingStatus; startsAt: Date; holdExpiresAt: Date | null };
  cancellationCutoffHours: number;
  now: Date;
}): { deadline: Date; holdsItsTime: boolean; open: boolean } {
  const { booking, now } = options;
  const deadline = new Date(booking.startsAt.getTime() - options.cancellationCutoffHours * HOUR_MS);
  const holdsItsTime =
    booking.status === "CONFIRMED" || (booking.status === "HELD" && booking.holdExpiresAt !== null && booking.holdExpiresAt > now);
  return { deadline, holdsItsTime, open: holdsItsTime && now < deadline };
}
