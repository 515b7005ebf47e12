import type { Tx } from "../db/client";

/**
 * Moves HELD bookings whose hold has run out and whose blocked time overlaps [from, until) to
 * EXPIRED, inside the transaction that is about to claim that time: a stale hold never blocks a
 * booking, whether or not a sweep has run.
 */
export async function expireStaleHolds(options: { tx: Tx; coachId: string; from: Date; until: Date; now: Date }): Promise<void> {
  await options.tx.booking.updateMany({
    where: {
      coachId: options.coachId,
      status: "HELD",
      holdExpiresAt: { lte: options.now },
      blockedFrom: { lt: options.until },
      blockedUntil: { gt: options.from },
    },
    data: { status: "EXPIRED" },
  });
}
