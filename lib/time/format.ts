// The one way the product shows an instant to a person: the full date and time in a named zone,
// with the zone spelled out, e.g. "Tuesday 3 March 2026, 14:00 (Europe/London)". Built from parts
// rather than the locale's own pattern so the wording does not change with the ICU version.
// The other helpers below are pieces of the same wording (date only, time only, short forms), so
// every screen and email reads the same way.

import type { CalendarDate } from "./zone";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

type Parts = { weekday: string; day: string; month: string; year: string; hour: string; minute: string };

function partsOf(instant: Date | number, timeZone: string): Parts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return parts as Parts;
}

/** Throws a RangeError for an unknown IANA zone. */
export function formatDateTime(instant: Date, timeZone: string): string {
  const parts = partsOf(instant, timeZone);
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} (${timeZone})`;
}

/** The date a clock in `timeZone` shows, in full: "Tuesday 3 March 2026". */
export function formatDate(instant: Date | number, timeZone: string): string {
  const parts = partsOf(instant, timeZone);
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/** The 24-hour wall-clock time in `timeZone`: "14:00" (midnight is "00:00", never "24:00"). */
export function formatTime(instant: Date | number, timeZone: string): string {
  const parts = partsOf(instant, timeZone);
  return `${parts.hour}:${parts.minute}`;
}

/** "14:00 to 14:20": a start and end on the clocks of `timeZone`. */
export function formatTimeRange(start: Date | number, end: Date | number, timeZone: string): string {
  return `${formatTime(start, timeZone)} to ${formatTime(end, timeZone)}`;
}

/**
 * The short form for sentences: "Tue 3 Mar". Three letters cut from the full names (not the
 * locale's abbreviations, which differ between ICU versions: "Sep" or "Sept").
 */
export function formatShortDate(instant: Date | number, timeZone: string): string {
  const parts = partsOf(instant, timeZone);
  return `${parts.weekday.slice(0, 3)} ${parts.day} ${parts.month.slice(0, 3)}`;
}

/** A calendar date that has no zone of its own (a day in a month view): "Tuesday 3 March 2026". */
export function formatCalendarDate(date: CalendarDate): string {
  return formatDate(calendarDateNoon(date), "UTC");
}

/** A month written "YYYY-MM": "March 2026". */
export function formatMonth(month: string): string {
  const parts = partsOf(calendarDateNoon(`${month}-01`), "UTC");
  return `${parts.month} ${parts.year}`;
}

function calendarDateNoon(date: CalendarDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const noon = new Date(0);
  noon.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  noon.setUTCHours(12);
  return noon.getTime();
}
