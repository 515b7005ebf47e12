import type { DbOrTx } from "../db/client";
import { InvalidInputError, type FieldErrors } from "../errors";
import { findFreeSlots } from "../scheduling/find-free-slots";
import { isSupportedDate } from "../time/supported-range";
import { addDays, isCalendarDate, isValidTimeZone, wallClockToInstant } from "../time/zone";
import { DEFAULT_COACH_TIME_ZONE } from "../time/coach-time-zone";
import { publicSessionType } from "./booking-data";
import { sessionTypeNotFound } from "./find-bookable-session-type";
import { SCHEDULE_PAD_MS, slotEngineInput } from "./load-slot-engine-input";
import { readSchedule } from "./read-schedule";

export const MAX_AVAILABILITY_DAYS = 62;
const YEARS = "Please give a date in the years 2000 to 2100.";

export type Availability = {
  timeZone: string;
  sessionType: { slug: string; title: string; durationMinutes: number; priceCents: number; currency: string };
  /** Calendar dates in `timeZone` that have at least one free slot, in order. */
  days: Array<{ date: string; slots: Array<{ start: string; end: string }> }>;
};

/**
 * The free slots of an active session type that start on the visitor's calendar dates from..to
 * (inclusive, at most 62 days, in the years 2000 to 2100, in the visitor's zone), as ISO-8601 UTC
 * instants.
 */
export async function getAvailability(options: {
  db: DbOrTx;
  sessionTypeSlug: string;
  from: string;
  to: string;
  timeZone: string;
  now?: Date;
}): Promise<Availability> {
  const { db, from, to, timeZone } = options;
  const now = options.now ?? new Date();
  const fields: FieldErrors = {};
  if (!isCalendarDate(from)) fields.from = "Please give the first date as YYYY-MM-DD.";
  else if (!isSupportedDate(from)) fields.from = YEARS;
  if (!isCalendarDate(to)) fields.to = "Please give the last date as YYYY-MM-DD.";
  else if (!isSupportedDate(to)) fields.to = YEARS;
  if (!isValidTimeZone(timeZone)) fields.timeZone = "Please give an IANA time zone, such as Europe/London.";
  if (!fields.from && !fields.to) {
    if (to < from) fields.to = "The last date must be on or after the first date.";
    else if (addDays(from, MAX_AVAILABILITY_DAYS - 1) < to) fields.to = `Please ask for at most ${MAX_AVAILABILITY_DAYS} days at a time.`;
  }
  if (Object.keys(fields).length > 0) throw new InvalidInputError("Some query parameters need another look.", fields);

  // The session type and the schedule in one round trip (this is the busiest endpoint).
  const rangeStart = wallClockToInstant(from, 0, timeZone);
  const rangeEnd = wallClockToInstant(addDays(to, 1), 0, timeZone);
  const schedule = await readSchedule({
    db,
    sessionTypeSlug: options.sessionTypeSlug,
    from: new Date(rangeStart - SCHEDULE_PAD_MS),
    until: new Date(rangeEnd + SCHEDULE_PAD_MS),
    now,
  });
  if (!schedule?.sessionType.active) throw sessionTypeNotFound();
  const { sessionType } = schedule;
  const input = slotEngineInput({
    schedule,
    rules: sessionType,
    sessionTypeId: sessionType.id,
    coachTimeZone: sessionType.coachTimeZone ?? DEFAULT_COACH_TIME_ZONE,
    now,
  });
  const days = findFreeSlots(input, { from, to, timeZone }).map((day) => ({
    date: day.date,
    slots: day.slots.map((slot) => ({ start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() })),
  }));
  return { timeZone, sessionType: publicSessionType(sessionType), days };
}
