import { z } from "zod";
import { isCalendarDate, type CalendarDate } from "./zone";

// The years the calendar works in, far wider than any booking horizon. Dates and times outside
// them are refused as input, with the field named: the slot engine's date strings assume four-digit
// years, and PostgreSQL refuses a timestamp before year 1 (the start of 0001-01-01 less a buffer).
const FIRST_DATE = "2000-01-01";
const LAST_DATE = "2100-12-31";
const EARLIEST = Date.parse(`${FIRST_DATE}T00:00:00Z`);
const END = Date.parse(`${LAST_DATE}T00:00:00Z`) + 86_400_000;

/** A real "YYYY-MM-DD" date in the years 2000 to 2100. */
export function isSupportedDate(value: CalendarDate): boolean {
  return isCalendarDate(value) && value >= FIRST_DATE && value <= LAST_DATE;
}

/** An instant in the years 2000 to 2100 (UTC); false for an invalid Date or NaN. */
export function isSupportedInstant(instant: Date | number): boolean {
  const time = Number(instant);
  return time >= EARLIEST && time < END;
}

/** An ISO-8601 instant with an offset, in the supported years; `message` names the problem otherwise. */
export function supportedInstant(message: string) {
  return z.iso.datetime({ offset: true, error: message }).refine((value) => isSupportedInstant(Date.parse(value)), message);
}
