import type { Db } from "../db/client";
import { enforceRateLimit } from "../rate-limit/enforce-rate-limit";

export const RESCHEDULES_PER_HOUR = 5;

/**
 * Counts one attempt to move a booking to another time (moved, or refused because the time was
 * taken), shared by every app instance: 5 per booking per clock hour. Every move emails both sides
 * a new calendar invite, so a manage link must not be able to fill either inbox by moving a session
 * back and forth. Keyed on the booking, not the visitor: the link is the only credential.
 */
export async function limitReschedules(options: { db: Db; bookingId: string; coachName: string; now?: Date }): Promise<void> {
  const { db, now } = options;
  await enforceRateLimit(
    db,
    { key: `reschedule:booking:${options.bookingId}`, limit: RESCHEDULES_PER_HOUR, windowSeconds: 60 * 60, now },
    (wait) =>
      `This booking has been moved several times in a short while, and each move sends you and ${options.coachName} a new calendar invite, so moving it online is paused for a little while. Please try again in ${wait}.`,
  );
}
