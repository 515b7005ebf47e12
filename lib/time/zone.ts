// Time-zone arithmetic: calendar dates, wall-clock times in an IANA zone, and the instants they map to.
//
// Approach: the runtime's own Intl.DateTimeFormat, not temporal-polyfill. Both read the same ICU
// tz data (temporal-polyfill also derives offsets from Intl.DateTimeFormat.formatToParts), so the
// polyfill would add a dependency and a second date library (DESIGN: "one time library") without
// changing a single offset, and lib/time/format.ts already renders through Intl. Intl is slow per
// call (~9 µs for formatToParts on Node 20), so offsets are cached per zone and UTC day: each day
// costs one formatter call the first time, plus a binary search to the second on a day the offset
// changes. After that an offset is two Map lookups, which keeps the slot engine well under 2 ms.
//
// Assumption: a zone's offset never changes twice within 48 hours (so at most once per UTC day).
// Checked for all 418 zones in Node 20's tz data, 1990-2040, sampling every 6 hours.

import { ownValue } from "../http/own-value";

/** A calendar date, "YYYY-MM-DD" (proleptic Gregorian), with no zone attached. */
export type CalendarDate = string;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Bounds the caches: a long-running server sees a handful of zones over a few years of dates; a
// stream of odd zone spellings or far-flung dates must not grow memory without limit.
const MAX_ZONES = 1_000;
const MAX_DAYS_PER_ZONE = 5_000;

/** The offset (local minus UTC, ms) over one UTC day: `before` until `changesAt`, then `after`. */
interface DayOffsets {
  before: number;
  changesAt: number;
  after: number;
}

interface ZoneCache {
  formatter: Intl.DateTimeFormat;
  offsetAtDayStart: Map<number, number>;
  days: Map<number, DayOffsets>;
}

const zones = new Map<string, ZoneCache>();

/** True for any zone name the runtime's tz data knows (IANA names and their aliases, e.g. "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (zones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

// ICU (Node, Chromium) still reports some zones by names the tz database has since replaced: a
// device in Kolkata says "Asia/Calcutta", one in Kyiv "Europe/Kiev". Same offsets, but a client
// should read the name of their own city as it is spelled today. Only renames are listed; a link
// that merely shares another zone's data (Europe/Bratislava → Europe/Prague) keeps its own name.
const renamedZones: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/**
 * A zone's current IANA name ("Asia/Calcutta" → "Asia/Kolkata"); any other name comes back
 * unchanged, and so does a renamed one whose new name this runtime's tz data doesn't know yet (an
 * older browser may not have Europe/Kyiv, and formatting with it would throw).
 */
export function currentZoneName(timeZone: string): string {
  const renamed = ownValue(renamedZones, timeZone);
  return renamed && isValidTimeZone(renamed) ? renamed : timeZone;
}

/** Whether two zone names are one zone, under old or current names ("Asia/Calcutta" and "Asia/Kolkata"). */
export function isSameZone(a: string, b: string): boolean {
  return currentZoneName(a) === currentZoneName(b);
}

/** True for a real date written "YYYY-MM-DD" (so "2026-02-30" is false). */
export function isCalendarDate(value: string): boolean {
  return parseEpochDay(value) !== undefined;
}

/** The date `days` after (or, if negative, before) `date`. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  // Day 0 of the epoch, 1970-01-01, was a Thursday (4).
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** The calendar date a clock in `timeZone` shows at `instant`. Throws a RangeError for an unknown zone. */
export function calendarDateInZone(instant: Date | number, timeZone: string): CalendarDate {
  const time = Number(instant);
  return fromEpochDay(Math.floor((time + offsetAt(zoneCache(timeZone), time)) / DAY_MS));
}

/**
 * The first instant (epoch ms) at which a clock in `timeZone` shows `minute` minutes after midnight
 * on `date`, or a later time; `minute` may be 1440 (midnight at the end of the day).
 *
 * So a wall time that happens twice (the repeated hour when clocks go back) gives its first pass,
 * and one that never happens (the hour skipped when clocks go forward) gives the instant of the
 * jump: London's 01:30 on 29 March 2026 is 01:00 UTC, when 00:59:59 GMT is followed by 02:00 BST.
 * The mapping never goes backwards as the wall time grows, so a window 01:00-03:00 that day is one
 * hour long, and on 25 October 2026 a window 00:00-03:00 is four hours with no instant twice.
 */
export function wallClockToInstant(date: CalendarDate, minute: number, timeZone: string): number {
  const zone = zoneCache(timeZone);
  const local = toEpochDay(date) * DAY_MS + minute * MINUTE_MS;
  // Offsets are under 24 h, so every candidate instant lies within a day of `local` read as UTC.
  const offsetBefore = offsetAt(zone, local - DAY_MS);
  const offsetAfter = offsetAt(zone, local + DAY_MS);
  if (offsetBefore === offsetAfter) return local - offsetBefore;

  // The offset changes once in between: the wall time exists before the change, after it, both
  // (clocks went back: take the first pass) or neither (clocks went forward: take the jump).
  const change = changeBetween(zone, local - DAY_MS, local + DAY_MS);
  const beforeChange = local - offsetBefore;
  const afterChange = local - offsetAfter;
  if (beforeChange < change) return beforeChange;
  if (afterChange >= change) return afterChange;
  return change;
}

function toEpochDay(date: CalendarDate): number {
  const day = parseEpochDay(date);
  if (day === undefined) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return day;
}

// Date arithmetic by hand (H. Hinnant's civil-calendar algorithms) rather than through Date objects:
// the engine converts thousands of dates per call, and Date.UTC would also map years 0-99 to 19xx.
function parseEpochDay(value: string): number | undefined {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function fromEpochDay(epochDay: number): CalendarDate {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function zoneCache(timeZone: string): ZoneCache {
  let zone = zones.get(timeZone);
  if (!zone) {
    if (zones.size >= MAX_ZONES) zones.clear();
    zone = {
      // Throws a RangeError for an unknown zone. h23, because "h24"/hour12:false can print midnight as 24.
      formatter: new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      }),
      offsetAtDayStart: new Map(),
      days: new Map(),
    };
    zones.set(timeZone, zone);
  }
  return zone;
}

function offsetAt(zone: ZoneCache, time: number): number {
  const day = dayOffsets(zone, Math.floor(time / DAY_MS));
  return time < day.changesAt ? day.before : day.after;
}

/** The instant the offset changes in (from, to]; callers know there is exactly one. */
function changeBetween(zone: ZoneCache, from: number, to: number): number {
  for (let day = Math.floor(from / DAY_MS); day <= Math.floor(to / DAY_MS); day++) {
    const { changesAt } = dayOffsets(zone, day);
    if (changesAt > from && changesAt <= to) return changesAt;
  }
  throw new Error("Time-zone offset changed twice within 48 hours; lib/time/zone.ts assumes it never does.");
}

function dayOffsets(zone: ZoneCache, day: number): DayOffsets {
  let offsets = zone.days.get(day);
  if (offsets) return offsets;
  if (zone.days.size >= MAX_DAYS_PER_ZONE) {
    zone.days.clear();
    zone.offsetAtDayStart.clear();
  }
  const before = offsetAtDayStart(zone, day);
  const after = offsetAtDayStart(zone, day + 1);
  let changesAt = Infinity;
  if (before !== after) {
    // Binary search to the second (tz data changes offsets on whole seconds): lo has `before`, hi does not.
    let lo = day * DAY_MS;
    let hi = lo + DAY_MS;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (formattedOffset(zone.formatter, mid) === before) lo = mid;
      else hi = mid;
    }
    changesAt = hi;
  }
  offsets = { before, changesAt, after };
  zone.days.set(day, offsets);
  return offsets;
}

function offsetAtDayStart(zone: ZoneCache, day: number): number {
  let offset = zone.offsetAtDayStart.get(day);
  if (offset === undefined) {
    offset = formattedOffset(zone.formatter, day * DAY_MS);
    zone.offsetAtDayStart.set(day, offset);
  }
  return offset;
}

/** Local minus UTC at `time` (a whole second), read from the wall clock the formatter prints. */
function formattedOffset(formatter: Intl.DateTimeFormat, time: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(time)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const wall = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  wall.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  wall.setUTCHours(fields.hour, fields.minute, fields.second);
  return wall.getTime() - time;
}
