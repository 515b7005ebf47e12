import { prepareSchedule, toEpochMs } from "./prepare-schedule";
import type { Instant, SlotEngineInput } from "./types";

/**
 * Whether a session may be booked at exactly `start`: true only if findFreeSlots would offer that
 * start (same rules, same code path), so an off-grid or stale time from a visitor's page is refused.
 */
export function isSlotAvailable(input: SlotEngineInput, start: Instant): boolean {
  const time = toEpochMs(start);
  const [slot] = prepareSchedule(input).freeSlotsBetween(time, time + 1);
  return slot?.start === time;
}
