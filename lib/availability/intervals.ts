import type { MinuteInterval } from "../scheduling/types";

// Wall-clock intervals on one of the coach's days, as minutes after her local midnight: the shape
// weekly rules and date overrides share. Pure, with no imports that reach the browser bundle (no
// zod), so the calendar and the forms (client components) merge, parse and format intervals with
// the same code the server uses. The zod schemas live in interval-schemas.ts.

export const MINUTES_PER_DAY = 1440;
/** More than anyone works in a day; bounds the work a single request can ask for. */
export const MAX_INTERVALS_PER_DAY = 12;

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** "Monday" for ISO weekday 1 ... "Sunday" for 7. */
export function weekdayName(weekday: number): string {
  const name = WEEKDAY_NAMES[weekday - 1];
  if (!name) throw new RangeError(`Weekday must be 1 (Monday) to 7 (Sunday), got ${weekday}`);
  return name;
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** "09:30" for 570; 1440 (midnight at the end of the day) is "24:00". */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** "09:00 to 12:30" */
export function formatInterval({ startMinute, endMinute }: MinuteInterval): string {
  return `${formatMinute(startMinute)} to ${formatMinute(endMinute)}`;
}

const CLOCK = /^(\d{1,2}):(\d{2})$/;

/** Minutes after midnight for "HH:mm" (00:00-23:59, and 24:00), or undefined. */
export function parseClock(value: string): number | undefined {
  const match = CLOCK.exec(value.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

/** Sorted by start, with overlapping and touching intervals joined: for adding a block by dragging. */
export function mergeIntervals(intervals: readonly MinuteInterval[]): MinuteInterval[] {
  const sorted = intervals.map(({ startMinute, endMinute }) => ({ startMinute, endMinute })).sort((a, b) => a.startMinute - b.startMinute);
  const merged: MinuteInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.startMinute <= last.endMinute) last.endMinute = Math.max(last.endMinute, interval.endMinute);
    else merged.push(interval);
  }
  return merged;
}

/** Sorted by start (the order they are stored and shown in). */
export function sortIntervals<T extends MinuteInterval>(intervals: readonly T[]): T[] {
  return [...intervals].sort((a, b) => a.startMinute - b.startMinute || a.endMinute - b.endMinute);
}

/**
 * Rows of a form flattened into FormData keys ("intervals.0.start", "intervals.0.end", ...) back
 * into [index, fields] pairs in index order. Rows whose fields are all blank are dropped (an unused
 * spare row).
 */
export function collectRows(raw: Record<string, unknown>, prefix: string): Array<[number, Record<string, string>]> {
  const rows = new Map<number, Record<string, string>>();
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(\\d{1,3})\\.([A-Za-z]+)$`);
  for (const [key, value] of Object.entries(raw)) {
    const match = pattern.exec(key);
    if (!match || typeof value !== "string") continue;
    const index = Number(match[1]);
    const row = rows.get(index) ?? {};
    row[match[2]] = value;
    rows.set(index, row);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).filter(([, row]) => Object.values(row).some((value) => value.trim() !== ""));
}
