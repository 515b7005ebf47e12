import type { DbOrTx } from "../db/client";
import { ConflictError } from "../errors";
import { nextFreeSlots } from "../scheduling/next-free-slots";
import type { CoachProfile, SessionTypeRow } from "./booking-data";
import { loadSlotEngineInput } from "./load-slot-engine-input";

const ALTERNATIVES = 5;

/** Thrown inside a booking transaction when the slot engine refuses the start: rolls back, then becomes the 409. */
export class SlotRefused extends Error {}

/**
 * The 409 for a start that is not free (taken, closed, too soon, too far ahead, off the grid, day
 * full), with up to five free starts from the requested time onward, or the soonest ones when there
 * are none after it. Computed on committed data, after the failed attempt rolled back.
 */
export async function slotUnavailableError(options: {
  db: DbOrTx;
  sessionType: SessionTypeRow;
  coach: CoachProfile;
  requestedStart: Date;
  now: Date;
  excludeBookingId?: string;
}): Promise<ConflictError> {
  const { sessionType, now } = options;
  const input = await loadSlotEngineInput({
    db: options.db,
    sessionType,
    coach: options.coach,
    from: now,
    to: new Date(now.getTime() + sessionType.horizonDays * 86_400_000),
    now,
    excludeBookingId: options.excludeBookingId,
  });
  const later = nextFreeSlots(input, options.requestedStart.getTime() - 1, ALTERNATIVES);
  const slots = later.length > 0 ? later : nextFreeSlots(input, now, ALTERNATIVES);
  return new ConflictError("slot_unavailable", "That time is no longer available. Here are the nearest free times.", {
    alternatives: slots.map((slot) => ({ start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() })),
  });
}
