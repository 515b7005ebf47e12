// Property-based tests: random coaches, diaries, moments and visitors, across zones with DST in both
// hemispheres, half- and quarter-hour offsets and a clock change at midnight.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findFreeSlots } from "@/lib/scheduling/find-free-slots";
import { isSlotAvailable } from "@/lib/scheduling/is-slot-available";
import { nextFreeSlots } from "@/lib/scheduling/next-free-slots";
import type { BusyInterval, DaySlots, InstantInterval, MinuteInterval, SlotEngineInput, VisitorDateRange } from "@/lib/scheduling/types";
import { addDays, calendarDateInZone, isoWeekday, wallClockToInstant, type CalendarDate } from "@/lib/time/zone";
import { DAY_MS, MINUTE_MS, utc } from "./support";

const ZONES = [
  "UTC",
  "Europe/London",
  "America/New_York",
  "America/Adak",
  "Australia/Sydney",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "America/Santiago",
  "America/St_Johns",
  "Pacific/Chatham",
  "Pacific/Auckland",
];
// Days with clock changes in the zones above, so that random "now"s often sit next to one.
const CHANGES = ["2026-03-08", "2026-03-29", "2026-04-05", "2026-09-06", "2026-09-27", "2026-10-04", "2026-10-25", "2026-11-01"].map((date) => utc(`${date}T12:00`));

const time = (value: BusyInterval["start"]) => Number(value);

const arbitraryNow = fc.oneof(
  fc.integer({ min: utc("2026-01-01T00:00") / MINUTE_MS, max: utc("2027-12-31T00:00") / MINUTE_MS }).map((minute) => minute * MINUTE_MS),
  fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -5 * 288, max: 288 })).map(([change, fiveMinutes]) => change + fiveMinutes * 5 * MINUTE_MS),
  // Not on a whole minute, so no slot is ever exactly at now + notice.
  fc.integer({ min: utc("2026-01-01T00:00"), max: utc("2027-12-31T00:00") }),
);

const window: fc.Arbitrary<MinuteInterval> = fc
  .tuple(fc.integer({ min: 0, max: 96 }), fc.integer({ min: 0, max: 96 }))
  .filter(([a, b]) => a !== b)
  // Quarter hours, so windows often touch, overlap and meet the skipped or repeated hour exactly.
  .map(([a, b]) => ({ startMinute: Math.min(a, b) * 15, endMinute: Math.max(a, b) * 15 }));

const arbitraryInput = arbitraryNow.chain((now) =>
  fc.record({
    coachTimeZone: fc.constantFrom(...ZONES),
    weeklyRules: fc.array(fc.record({ weekday: fc.integer({ min: 1, max: 7 }), window }).map(({ weekday, window: w }) => ({ weekday, ...w })), { maxLength: 14 }),
    overrideDays: fc.array(fc.record({ day: fc.integer({ min: -3, max: 14 }), intervals: fc.array(window, { maxLength: 3 }) }), { maxLength: 5 }),
    timeOff: fc.array(interval(now, 9, 3 * 24 * 60), { maxLength: 4 }),
    busy: fc.array(
      fc.tuple(interval(now, 5, 4 * 60), fc.boolean(), fc.integer({ min: 0, max: 30 })).map(([busy, counts, bufferBefore]): BusyInterval =>
        counts ? { ...busy, countsTowardDailyCap: true, sessionStart: time(busy.start) + bufferBefore * MINUTE_MS } : busy,
      ),
      { maxLength: 30 },
    ),
    session: fc.record({
      durationMinutes: fc.oneof(fc.constantFrom(15, 30, 45, 50, 60, 90), fc.integer({ min: 1, max: 240 })),
      bufferBeforeMinutes: fc.constantFrom(0, 0, 5, 10, 15, 30),
      bufferAfterMinutes: fc.constantFrom(0, 0, 5, 10, 15, 30),
      minimumNoticeMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 96 }).map((q) => q * 15), fc.integer({ min: 0, max: 3000 })),
      horizonDays: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 21 }), weight: 9 }),
      slotIntervalMinutes: fc.option(fc.oneof(fc.constantFrom(10, 15, 20, 30, 60), fc.integer({ min: 1, max: 120 })), { nil: null }),
      maxPerDay: fc.oneof(
        { arbitrary: fc.constant(null), weight: 4 },
        { arbitrary: fc.constant(0), weight: 1 },
        { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 5 },
      ),
    }),
    visitorTimeZone: fc.constantFrom(...ZONES),
    fromDay: fc.integer({ min: -1, max: 6 }),
    days: fc.integer({ min: 0, max: 6 }),
  }).map((drawn): { input: SlotEngineInput; range: VisitorDateRange } => {
    const coachToday = calendarDateInZone(now, drawn.coachTimeZone);
    const from = addDays(calendarDateInZone(now, drawn.visitorTimeZone), drawn.fromDay);
    return {
      input: {
        coachTimeZone: drawn.coachTimeZone,
        weeklyRules: drawn.weeklyRules,
        overrides: drawn.overrideDays.map(({ day, intervals }) => ({ date: addDays(coachToday, day), intervals })),
        timeOff: drawn.timeOff,
        busy: drawn.busy,
        session: drawn.session,
        now: drawn.busy.length % 2 === 0 ? now : new Date(now),
      },
      range: { from, to: addDays(from, drawn.days), timeZone: drawn.visitorTimeZone },
    };
  }),
);

/**
 * An interval starting between a day before `now` and `days` after it, on 5-minute marks so that it
 * often touches slots and buffers exactly.
 */
function interval(now: number, days: number, maxMinutes: number): fc.Arbitrary<InstantInterval> {
  const base = now - (now % (5 * MINUTE_MS));
  return fc
    .tuple(fc.integer({ min: -288, max: days * 288 }), fc.integer({ min: 0, max: maxMinutes / 5 }), fc.boolean())
    .map(([start, length, asDate]) => {
      const from = base + start * 5 * MINUTE_MS;
      const until = from + length * 5 * MINUTE_MS;
      return asDate ? { start: new Date(from), end: new Date(until) } : { start: from, end: until };
    });
}

/** The coach's windows on a date as instants, before merging. */
function windowsOn(input: SlotEngineInput, date: CalendarDate): Array<[number, number]> {
  const overrides = input.overrides.filter((override) => override.date === date);
  const windows = overrides.length > 0 ? overrides.flatMap((override) => override.intervals) : input.weeklyRules.filter((rule) => rule.weekday === isoWeekday(date));
  return windows.map((w): [number, number] => [wallClockToInstant(date, w.startMinute, input.coachTimeZone), wallClockToInstant(date, w.endMinute, input.coachTimeZone)]);
}

function overlaps(from: number, until: number, intervals: readonly InstantInterval[]): boolean {
  return intervals.some(({ start, end }) => time(start) < time(end) && time(start) < until && time(end) > from);
}

function countedOn(input: SlotEngineInput, date: CalendarDate): number {
  return input.busy.filter((busy) => busy.countsTowardDailyCap && calendarDateInZone(busy.sessionStart, input.coachTimeZone) === date).length;
}

/**
 * The rules written as plainly as possible: every grid point of every merged window of every coach
 * date near the range, each checked against every busy interval, the cap counted per date.
 */
function reference(input: SlotEngineInput, range: VisitorDateRange): DaySlots[] {
  const { session } = input;
  const now = time(input.now);
  const duration = session.durationMinutes * MINUTE_MS;
  const step = (session.slotIntervalMinutes ?? session.durationMinutes) * MINUTE_MS;
  const starts: number[] = [];
  for (let date = addDays(range.from, -2); date <= addDays(range.to, 2); date = addDays(date, 1)) {
    if (session.maxPerDay !== null && countedOn(input, date) >= session.maxPerDay) continue;
    const merged: Array<[number, number]> = [];
    for (const [from, until] of windowsOn(input, date).sort((a, b) => a[0] - b[0])) {
      const last = merged.at(-1);
      if (from >= until) continue;
      if (last && from <= last[1]) last[1] = Math.max(last[1], until);
      else merged.push([from, until]);
    }
    for (const [from, until] of merged) {
      for (let start = from; start + duration <= until; start += step) {
        if (start < now + session.minimumNoticeMinutes * MINUTE_MS || start >= now + session.horizonDays * DAY_MS) continue;
        const blockFrom = start - session.bufferBeforeMinutes * MINUTE_MS;
        const blockUntil = start + duration + session.bufferAfterMinutes * MINUTE_MS;
        if (overlaps(blockFrom, blockUntil, input.busy) || overlaps(blockFrom, blockUntil, input.timeOff)) continue;
        starts.push(start);
      }
    }
  }
  const days: DaySlots[] = [];
  for (const start of starts.sort((a, b) => a - b)) {
    const date = calendarDateInZone(start, range.timeZone);
    if (date < range.from || date > range.to) continue;
    const day = days.at(-1);
    if (day?.date === date) day.slots.push({ start, end: start + duration });
    else days.push({ date, slots: [{ start, end: start + duration }] });
  }
  return days;
}

const RUNS = { numRuns: 300 };

describe("slot engine properties", () => {
  it("matches a brute-force reference of the rules", () => {
    fc.assert(
      fc.property(arbitraryInput, ({ input, range }) => {
        expect(findFreeSlots(input, range)).toEqual(reference(input, range));
      }),
      RUNS,
    );
  });

  it("no slot's blocked interval (with buffers) overlaps busy time or time off", () => {
    fc.assert(
      fc.property(arbitraryInput, ({ input, range }) => {
        const { bufferBeforeMinutes, bufferAfterMinutes } = input.session;
        for (const slot of findFreeSlots(input, range).flatMap((day) => day.slots)) {
          const from = slot.start - bufferBeforeMinutes * MINUTE_MS;
          const until = slot.end + bufferAfterMinutes * MINUTE_MS;
          expect(overlaps(from, until, input.busy)).toBe(false);
          expect(overlaps(from, until, input.timeOff)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it("every slot lies inside the availability of the coach date it starts on, within notice, horizon and cap", () => {
    fc.assert(
      fc.property(arbitraryInput, ({ input, range }) => {
        const now = time(input.now);
        const { session } = input;
        for (const slot of findFreeSlots(input, range).flatMap((day) => day.slots)) {
          expect(slot.end - slot.start).toBe(session.durationMinutes * MINUTE_MS);
          const date = calendarDateInZone(slot.start, input.coachTimeZone);
          // Walk the date's windows from the slot's start until the slot's end is covered.
          let covered = slot.start;
          for (let moved = true; moved && covered < slot.end; ) {
            moved = false;
            for (const [from, until] of windowsOn(input, date)) {
              if (from <= covered && until > covered) {
                covered = until;
                moved = true;
              }
            }
          }
          expect(covered).toBeGreaterThanOrEqual(slot.end);
          expect(slot.start).toBeGreaterThanOrEqual(now + session.minimumNoticeMinutes * MINUTE_MS);
          expect(slot.start).toBeLessThan(now + session.horizonDays * DAY_MS);
          if (session.maxPerDay !== null) expect(countedOn(input, date)).toBeLessThan(session.maxPerDay);
        }
      }),
      RUNS,
    );
  });

  it("output is sorted, unique, non-empty per date and grouped under the slot's date in the visitor's zone, within the range", () => {
    fc.assert(
      fc.property(arbitraryInput, ({ input, range }) => {
        const days = findFreeSlots(input, range);
        const starts = days.flatMap((day) => day.slots.map((slot) => slot.start));
        for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThan(starts[i - 1]);
        for (let i = 1; i < days.length; i++) expect(days[i].date > days[i - 1].date).toBe(true);
        for (const day of days) {
          expect(day.slots.length).toBeGreaterThan(0);
          expect(day.date >= range.from && day.date <= range.to).toBe(true);
          for (const slot of day.slots) expect(calendarDateInZone(slot.start, range.timeZone)).toBe(day.date);
        }
      }),
      RUNS,
    );
  });

  it("a date's slots do not depend on the range asked for", () => {
    fc.assert(
      fc.property(arbitraryInput, ({ input, range }) => {
        const dayByDay: DaySlots[] = [];
        for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
          dayByDay.push(...findFreeSlots(input, { ...range, from: date, to: date }));
        }
        expect(dayByDay).toEqual(findFreeSlots(input, range));
      }),
      { numRuns: 100 },
    );
  });

  it("isSlotAvailable agrees with the slot list, on and off the grid", () => {
    fc.assert(
      fc.property(arbitraryInput, fc.array(fc.integer({ min: -180, max: 180 }), { maxLength: 20 }), ({ input, range }, shifts) => {
        const listed = new Set(findFreeSlots(input, range).flatMap((day) => day.slots.map((slot) => slot.start)));
        const candidates = new Set(listed);
        for (const start of listed) for (const shift of shifts) candidates.add(start + shift * MINUTE_MS);
        const rangeStart = wallClockToInstant(range.from, 0, range.timeZone);
        for (const shift of shifts) candidates.add(rangeStart + (shift + 180) * 20 * MINUTE_MS);
        for (const candidate of candidates) {
          const date = calendarDateInZone(candidate, range.timeZone);
          if (date < range.from || date > range.to) continue;
          expect(isSlotAvailable(input, candidate)).toBe(listed.has(candidate));
        }
      }),
      RUNS,
    );
  });

  it("nextFreeSlots gives the first free slots after an instant, as the full list does", () => {
    fc.assert(
      fc.property(arbitraryInput, fc.integer({ min: -2 * 24 * 60, max: 16 * 24 * 60 }), fc.integer({ min: 0, max: 12 }), ({ input }, afterMinutes, count) => {
        const now = time(input.now);
        const after = now + afterMinutes * MINUTE_MS;
        const everything = findFreeSlots(input, {
          from: calendarDateInZone(now - DAY_MS, "UTC"),
          to: calendarDateInZone(now + (input.session.horizonDays + 1) * DAY_MS, "UTC"),
          timeZone: "UTC",
        }).flatMap((day) => day.slots);
        expect(nextFreeSlots(input, after, count)).toEqual(everything.filter((slot) => slot.start > after).slice(0, count));
      }),
      RUNS,
    );
  });
});
