// Slot engine benchmark: npx tsx scripts/bench/slot-engine.ts
// A busy coach: 60 days asked for, 30-minute slots on a 30-minute grid, 1,000 existing bookings,
// 50 date overrides, 10 time-off ranges, a London coach and a New York visitor (both zones change
// their clocks inside the window). Reports the first call in the process (formatters and the offset
// cache still empty) and then median and p95 per call after a warm-up. Target: median <= 2 ms.
import os from "node:os";
import { findFreeSlots } from "@/lib/scheduling/find-free-slots";
import { isSlotAvailable } from "@/lib/scheduling/is-slot-available";
import { nextFreeSlots } from "@/lib/scheduling/next-free-slots";
import type { BusyInterval, DateOverride, InstantInterval, SlotEngineInput, WeeklyRule } from "@/lib/scheduling/types";
import { addDays, calendarDateInZone, wallClockToInstant } from "@/lib/time/zone";

const WARM_UP_CALLS = 200;
const MEASURED_CALLS = 500;
const DAYS = 60;
const COACH_ZONE = "Europe/London";
const VISITOR_ZONE = "America/New_York";
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

// Deterministic data (mulberry32), so runs are comparable.
let seed = 20260301;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (n: number) => Math.floor(random() * n);

const now = Date.UTC(2026, 2, 1, 9, 0);
const firstCoachDate = calendarDateInZone(now, COACH_ZONE);

const weeklyRules: WeeklyRule[] = [];
for (let weekday = 1; weekday <= 7; weekday++) {
  weeklyRules.push({ weekday, startMinute: 7 * 60, endMinute: 12 * 60 }, { weekday, startMinute: 13 * 60, endMinute: 22 * 60 });
}

const overrides: DateOverride[] = [];
for (let i = 0; i < 50; i++) {
  overrides.push({
    date: addDays(firstCoachDate, i + pick(10)),
    intervals: i % 5 === 0 ? [] : [{ startMinute: 10 * 60, endMinute: 14 * 60 }, { startMinute: 15 * 60, endMinute: 18 * 60 + 30 }],
  });
}

const timeOff: InstantInterval[] = [];
for (let i = 0; i < 10; i++) {
  const start = now + pick(DAYS * 24) * HOUR_MS;
  timeOff.push({ start, end: start + (2 + pick(28)) * HOUR_MS });
}

const busy: BusyInterval[] = [];
for (let i = 0; i < 1000; i++) {
  const sessionStart = wallClockToInstant(addDays(firstCoachDate, pick(DAYS)), 7 * 60 + 30 * pick(30), COACH_ZONE);
  busy.push({
    start: new Date(sessionStart - 10 * MINUTE_MS),
    end: new Date(sessionStart + 40 * MINUTE_MS),
    countsTowardDailyCap: true,
    sessionStart: new Date(sessionStart),
  });
}

const input: SlotEngineInput = {
  coachTimeZone: COACH_ZONE,
  weeklyRules,
  overrides,
  timeOff,
  busy,
  session: {
    durationMinutes: 30,
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 10,
    minimumNoticeMinutes: 12 * 60,
    horizonDays: DAYS,
    slotIntervalMinutes: 30,
    maxPerDay: 25,
  },
  now,
};
const visitorFrom = calendarDateInZone(now, VISITOR_ZONE);
const range = { from: visitorFrom, to: addDays(visitorFrom, DAYS - 1), timeZone: VISITOR_ZONE };

function measure(name: string, call: () => unknown): void {
  for (let i = 0; i < WARM_UP_CALLS; i++) call();
  const times: number[] = [];
  for (let i = 0; i < MEASURED_CALLS; i++) {
    const started = performance.now();
    call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3);
  console.log(`${name}: median ${at(0.5)} ms, p95 ${at(0.95)} ms (${MEASURED_CALLS} calls after ${WARM_UP_CALLS} warm-up)`);
}

const coldStarted = performance.now();
const days = findFreeSlots(input, range);
const coldMs = performance.now() - coldStarted;
const slots = days.flatMap((day) => day.slots);

const load = os.loadavg()[0].toFixed(1);
console.log(`Machine: ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), load average ${load}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`Data: ${DAYS} days, ${busy.length} bookings, ${overrides.length} overrides, ${timeOff.length} time-off ranges -> ${slots.length} free slots on ${days.length} dates`);
console.log(`findFreeSlots, first call in the process: ${coldMs.toFixed(3)} ms`);
measure("findFreeSlots", () => findFreeSlots(input, range));
// The same coach with an empty diary: many more slots to generate, test and group.
const emptyDiary = { ...input, busy: [] };
const emptyDiarySlots = findFreeSlots(emptyDiary, range).reduce((sum, day) => sum + day.slots.length, 0);
measure(`findFreeSlots, no bookings (${emptyDiarySlots} free slots)`, () => findFreeSlots(emptyDiary, range));
const probe = slots[Math.floor(slots.length / 2)].start;
measure("isSlotAvailable", () => isSlotAvailable(input, probe));
measure("nextFreeSlots (5)", () => nextFreeSlots(input, probe, 5));
