import { addDays, calendarDateInZone, isCalendarDate, isoWeekday, isValidTimeZone, wallClockToInstant, type CalendarDate } from "@/lib/time/zone";
import type { Instant, MinuteInterval, Slot, SlotEngineInput } from "./types";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The coach's schedule for one session type at one moment, validated and indexed once, so that
 * findFreeSlots, isSlotAvailable and nextFreeSlots share one code path and nextFreeSlots can ask for
 * several windows without sorting the busy intervals again.
 */
export interface Schedule {
  /** now + minimum notice: no slot starts earlier. */
  readonly earliestStart: number;
  /** now + horizonDays × 24 h: every slot starts before it. */
  readonly horizonEnd: number;
  /** The free slots whose start lies in [from, to), sorted by start. */
  freeSlotsBetween(from: number, to: number): Slot[];
}

/**
 * The rules, in one place:
 * - Availability belongs to the coach's calendar dates: a date's override (all of its intervals,
 *   none = closed) replaces its weekly rules. A window runs from the first moment the coach's clock
 *   shows its start (or later) to the first moment it shows its end (or later): the first pass of a
 *   repeated wall time, the moment of the jump for a skipped one (see wallClockToInstant). Windows
 *   of a date that overlap or touch merge. A session lies inside one merged window, so it never
 *   crosses the coach's midnight: a date's slots do not depend on which other dates were asked for.
 * - Starts step by slotIntervalMinutes from the start of each merged window.
 * - Buffers do not need to lie inside availability, only clear of busy time and time off (as in
 *   Cal.com): a 09:00 session with a 15-minute buffer before it is offered in a 09:00-17:00 window.
 * - now + notice <= start < now + horizonDays × 24 h: the horizon is rolling, counted in exact days
 *   from now rather than to the end of a calendar day, so it is the same for every visitor's zone.
 * - A coach date with maxPerDay counted bookings (by the date of their session start) offers nothing.
 *
 * Throws a RangeError for malformed input (unknown zone, impossible rule, non-positive duration...):
 * the API validates what visitors send, so a RangeError here means bad stored data or a bug.
 */
export function prepareSchedule(input: SlotEngineInput): Schedule {
  const { coachTimeZone: zone, session } = input;
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${JSON.stringify(zone)}`);
  const now = toEpochMs(input.now);
  const duration = minutes(session.durationMinutes, "durationMinutes", 1);
  const bufferBefore = minutes(session.bufferBeforeMinutes, "bufferBeforeMinutes", 0);
  const bufferAfter = minutes(session.bufferAfterMinutes, "bufferAfterMinutes", 0);
  const step = session.slotIntervalMinutes == null ? duration : minutes(session.slotIntervalMinutes, "slotIntervalMinutes", 1);
  const earliestStart = now + minutes(session.minimumNoticeMinutes, "minimumNoticeMinutes", 0);
  const horizonEnd = now + checkInteger(session.horizonDays, "horizonDays", 0) * DAY_MS;
  const maxPerDay = session.maxPerDay === null ? null : checkInteger(session.maxPerDay, "maxPerDay", 0);

  // Indexed by ISO weekday; index 0 stays empty.
  const weekly: MinuteInterval[][] = [[], [], [], [], [], [], [], []];
  for (const rule of input.weeklyRules) {
    if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
      throw new RangeError(`Weekday must be 1 (Monday) to 7 (Sunday), got ${rule.weekday}`);
    }
    weekly[rule.weekday].push(checkWindow(rule));
  }
  const overrides = new Map<CalendarDate, MinuteInterval[]>();
  for (const override of input.overrides) {
    if (!isCalendarDate(override.date)) throw new RangeError(`Override date must be YYYY-MM-DD, got ${JSON.stringify(override.date)}`);
    const windows = overrides.get(override.date) ?? [];
    for (const window of override.intervals) windows.push(checkWindow(window));
    overrides.set(override.date, windows);
  }

  const [blockedStarts, blockedEnds] = mergeBlocked(input);
  const cappedSessionStarts: number[] = [];
  for (const busy of input.busy) {
    if (busy.countsTowardDailyCap) cappedSessionStarts.push(toEpochMs(busy.sessionStart));
  }

  /** The coach date's availability as sorted, disjoint instant intervals [start, end). */
  function windowsOn(date: CalendarDate): Array<[number, number]> {
    const windows = (overrides.get(date) ?? weekly[isoWeekday(date)])
      .map(({ startMinute, endMinute }): [number, number] => [wallClockToInstant(date, startMinute, zone), wallClockToInstant(date, endMinute, zone)])
      .sort((a, b) => a[0] - b[0]);
    // Merged as instants rather than minutes: on the day clocks go forward, London's 00:30-01:00 and
    // 01:30-03:00 touch (the break never happens), so a session may run across. A window wholly
    // inside the skipped hour is empty and yields no slot.
    const merged: Array<[number, number]> = [];
    for (const window of windows) {
      const last = merged.at(-1);
      if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
      else merged.push(window);
    }
    return merged;
  }

  function fullDates(firstDate: CalendarDate, lastDate: CalendarDate): Set<CalendarDate> {
    const full = new Set<CalendarDate>();
    if (maxPerDay === null) return full;
    const from = wallClockToInstant(firstDate, 0, zone);
    const to = wallClockToInstant(addDays(lastDate, 1), 0, zone);
    const counts = new Map<CalendarDate, number>();
    for (const start of cappedSessionStarts) {
      // Only dates being listed matter; skipping the rest saves a zone lookup per booking.
      if (start < from || start >= to) continue;
      const date = calendarDateInZone(start, zone);
      const count = (counts.get(date) ?? 0) + 1;
      counts.set(date, count);
      if (count >= maxPerDay) full.add(date);
    }
    return full;
  }

  return {
    earliestStart,
    horizonEnd,
    freeSlotsBetween(from, to) {
      const startsFrom = Math.max(from, earliestStart);
      const startsBefore = Math.min(to, horizonEnd);
      const slots: Slot[] = [];
      // maxPerDay 0 closes every date, with or without bookings to count.
      if (startsFrom >= startsBefore || maxPerDay === 0) return slots;
      const firstDate = calendarDateInZone(startsFrom, zone);
      const lastDate = calendarDateInZone(startsBefore - 1, zone);
      const full = fullDates(firstDate, lastDate);
      // Slot starts only grow (dates ascend, a date's windows are disjoint and sorted, and every
      // window lies within its date), so one pointer sweeps the sorted blocked intervals once.
      let next = 0;
      // "YYYY-MM-DD" strings compare in date order.
      for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
        if (full.has(date)) continue;
        for (const [windowStart, windowEnd] of windowsOn(date)) {
          // The first grid point at or after startsFrom, without walking the grid to it.
          let start = windowStart < startsFrom ? windowStart + Math.ceil((startsFrom - windowStart) / step) * step : windowStart;
          for (; start < startsBefore && start + duration <= windowEnd; start += step) {
            const blockFrom = start - bufferBefore;
            const blockUntil = start + duration + bufferAfter;
            while (next < blockedEnds.length && blockedEnds[next] <= blockFrom) next++;
            if (next < blockedStarts.length && blockedStarts[next] < blockUntil) continue;
            slots.push({ start, end: start + duration });
          }
        }
      }
      return slots;
    },
  };
}

export function toEpochMs(instant: Instant): number {
  const time = typeof instant === "number" ? instant : instant.getTime();
  if (!Number.isFinite(time)) throw new RangeError(`Not a valid instant: ${String(instant)}`);
  return time;
}

/**
 * Busy intervals and time off as one sorted list of disjoint [start, end) intervals. The union only
 * depends on where intervals start and end, not on which start goes with which end, so the starts
 * and the ends are sorted separately as typed arrays (a native numeric sort, several times faster
 * than sorting pairs with a comparator) and swept with a depth counter.
 */
function mergeBlocked(input: SlotEngineInput): [number[], number[]] {
  const starts = new Float64Array(input.busy.length + input.timeOff.length);
  const ends = new Float64Array(starts.length);
  let count = 0;
  for (const list of [input.busy, input.timeOff]) {
    for (const { start, end } of list) {
      const from = toEpochMs(start);
      const until = toEpochMs(end);
      if (from < until) {
        starts[count] = from;
        ends[count] = until;
        count++;
      }
    }
  }
  const sortedStarts = starts.subarray(0, count).sort();
  const sortedEnds = ends.subarray(0, count).sort();
  const mergedStarts: number[] = [];
  const mergedEnds: number[] = [];
  let depth = 0;
  for (let i = 0, j = 0; j < count; ) {
    // On a tie the start goes first, so touching intervals merge.
    if (i < count && sortedStarts[i] <= sortedEnds[j]) {
      if (depth++ === 0) mergedStarts.push(sortedStarts[i]);
      i++;
    } else {
      if (--depth === 0) mergedEnds.push(sortedEnds[j]);
      j++;
    }
  }
  return [mergedStarts, mergedEnds];
}

function checkWindow({ startMinute, endMinute }: MinuteInterval): MinuteInterval {
  if (!Number.isInteger(startMinute) || !Number.isInteger(endMinute) || startMinute < 0 || endMinute > 1440 || startMinute >= endMinute) {
    throw new RangeError(`Availability window must satisfy 0 <= start < end <= 1440 (whole minutes), got ${startMinute}-${endMinute}`);
  }
  return { startMinute, endMinute };
}

function checkInteger(value: number, name: string, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be a whole number >= ${min}, got ${value}`);
  return value;
}

function minutes(value: number, name: string, min: number): number {
  return checkInteger(value, name, min) * MINUTE_MS;
}
