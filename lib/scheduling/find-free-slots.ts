import { addDays, calendarDateInZone, isValidTimeZone, wallClockToInstant } from "@/lib/time/zone";
import { prepareSchedule } from "./prepare-schedule";
import type { DaySlots, SlotEngineInput, VisitorDateRange } from "./types";

/**
 * The free slots that start on the visitor's calendar dates `from`..`to` (inclusive, in the
 * visitor's zone), grouped by that date; only dates with slots, in order. Empty when `from` is
 * after `to`. The rules are documented on prepareSchedule.
 */
export function findFreeSlots(input: SlotEngineInput, range: VisitorDateRange): DaySlots[] {
  const { timeZone } = range;
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${JSON.stringify(timeZone)}`);
  const rangeStart = wallClockToInstant(range.from, 0, timeZone);
  const rangeEnd = wallClockToInstant(addDays(range.to, 1), 0, timeZone);
  const days: DaySlots[] = [];
  for (const slot of prepareSchedule(input).freeSlotsBetween(rangeStart, rangeEnd)) {
    const date = calendarDateInZone(slot.start, timeZone);
    const day = days.at(-1);
    if (day?.date === date) day.slots.push(slot);
    else days.push({ date, slots: [slot] });
  }
  return days;
}
