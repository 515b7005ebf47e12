import type { DbOrTx } from "../db/client";
import type { BusyInterval, SessionRules, SlotEngineInput } from "../scheduling/types";
import type { CoachProfile, SessionTypeRow } from "./booking-data";
import { readSchedule, type Schedule } from "./read-schedule";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// Everything that can matter to a start in the window lies within two days of it: a buffer, a
// time-off range reaching in, and every booking on the coach's calendar dates the window touches
// (counted for the daily cap; a date lasts at most 25 hours).
export const SCHEDULE_PAD_MS = 2 * DAY_MS;

/**
 * The slot engine's input for one session type, read fresh from the database, covering starts in
 * [from, to) (clamped to notice and horizon). `excludeBookingId` leaves one booking out, so a
 * booking being moved does not block its own new time.
 */
export async function loadSlotEngineInput(options: {
  db: DbOrTx;
  sessionType: SessionTypeRow;
  coach: CoachProfile;
  from: Date;
  to: Date;
  now: Date;
  excludeBookingId?: string;
}): Promise<SlotEngineInput> {
  const { sessionType, now } = options;
  const windowStart = Math.max(options.from.getTime(), now.getTime() + sessionType.minimumNoticeMinutes * MINUTE_MS);
  const windowEnd = Math.min(options.to.getTime(), now.getTime() + sessionType.horizonDays * DAY_MS);
  const schedule = await readSchedule({
    db: options.db,
    sessionTypeSlug: sessionType.slug,
    from: new Date(Math.min(windowStart, windowEnd) - SCHEDULE_PAD_MS),
    until: new Date(Math.max(windowStart, windowEnd) + SCHEDULE_PAD_MS),
    now,
    excludeBookingId: options.excludeBookingId,
  });
  // The caller read the session type a moment ago; it is gone only if it was deleted since.
  if (!schedule) throw new Error(`session type ${sessionType.slug} disappeared while booking`);
  return slotEngineInput({ schedule, rules: sessionType, sessionTypeId: sessionType.id, coachTimeZone: options.coach.timeZone, now });
}

/** The engine's input from a schedule read and the rules of the session type being booked. */
export function slotEngineInput(options: {
  schedule: Schedule;
  rules: SessionRules;
  sessionTypeId: string;
  coachTimeZone: string;
  now: Date;
}): SlotEngineInput {
  const { schedule, rules } = options;
  const capped = rules.maxPerDay !== null;
  return {
    coachTimeZone: options.coachTimeZone,
    weeklyRules: schedule.weeklyRules,
    overrides: schedule.overrides,
    timeOff: schedule.timeOff.map(([start, end]) => ({ start, end })),
    busy: schedule.bookings.map(
      ([start, end, sessionStart, sessionTypeId]): BusyInterval =>
        capped && sessionTypeId === options.sessionTypeId ? { start, end, countsTowardDailyCap: true, sessionStart } : { start, end },
    ),
    session: {
      durationMinutes: rules.durationMinutes,
      bufferBeforeMinutes: rules.bufferBeforeMinutes,
      bufferAfterMinutes: rules.bufferAfterMinutes,
      minimumNoticeMinutes: rules.minimumNoticeMinutes,
      horizonDays: rules.horizonDays,
      slotIntervalMinutes: rules.slotIntervalMinutes,
      maxPerDay: rules.maxPerDay,
    },
    now: options.now,
  };
}
