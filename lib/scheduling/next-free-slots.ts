import { prepareSchedule, toEpochMs } from "./prepare-schedule";
import type { Instant, Slot, SlotEngineInput } from "./types";

// Most alternatives are found within a week; asking week by week avoids expanding the whole horizon.
const WINDOW_MS = 7 * 86_400_000;

/** Up to `count` free slots starting strictly after `after`, soonest first ("the nearest free times"). */
export function nextFreeSlots(input: SlotEngineInput, after: Instant, count: number): Slot[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number >= 0, got ${count}`);
  const schedule = prepareSchedule(input);
  const found: Slot[] = [];
  for (let from = Math.max(toEpochMs(after) + 1, schedule.earliestStart); found.length < count && from < schedule.horizonEnd; from += WINDOW_MS) {
    found.push(...schedule.freeSlotsBetween(from, from + WINDOW_MS));
  }
  return found.slice(0, count);
}
