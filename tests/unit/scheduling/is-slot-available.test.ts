import { describe, expect, it } from "vitest";
import { findFreeSlots } from "@/lib/scheduling/find-free-slots";
import { isSlotAvailable } from "@/lib/scheduling/is-slot-available";
import { nextFreeSlots } from "@/lib/scheduling/next-free-slots";
import { input, iso, utc } from "./support";

// Monday 09:00-12:00 UTC, 60-minute sessions, one booking 10:00-11:00 on 5 January.
const coach = input({ busy: [{ start: utc("2026-01-05T10:00"), end: utc("2026-01-05T11:00") }] });

describe("isSlotAvailable", () => {
  it("accepts a start the slot list offers, as epoch ms or as a Date", () => {
    expect(isSlotAvailable(coach, utc("2026-01-05T09:00"))).toBe(true);
    expect(isSlotAvailable(coach, new Date("2026-01-05T11:00:00Z"))).toBe(true);
  });

  it("refuses a taken, off-grid, closed or too-soon start", () => {
    expect(isSlotAvailable(coach, utc("2026-01-05T10:00"))).toBe(false);
    expect(isSlotAvailable(coach, utc("2026-01-05T09:30"))).toBe(false);
    expect(isSlotAvailable(coach, utc("2026-01-05T09:00") + 1)).toBe(false);
    expect(isSlotAvailable(coach, utc("2026-01-06T09:00"))).toBe(false);
    expect(isSlotAvailable({ ...coach, now: utc("2026-01-05T09:00") + 1 }, utc("2026-01-05T09:00"))).toBe(false);
  });

  it("agrees with findFreeSlots across a clock change (London, 25 October 2026)", () => {
    const london = input({ coachTimeZone: "Europe/London", weeklyRules: [{ weekday: 7, startMinute: 0, endMinute: 180 }], session: { durationMinutes: 30 } });
    const [day] = findFreeSlots(london, { from: "2026-10-25", to: "2026-10-25", timeZone: "Europe/London" });
    const everyFiveMinutes = Array.from({ length: 60 }, (_, i) => utc("2026-10-24T22:00") + i * 5 * 60_000);
    expect(everyFiveMinutes.filter((start) => isSlotAvailable(london, start))).toEqual(day.slots.map((slot) => slot.start));
  });
});

describe("nextFreeSlots", () => {
  it("returns the soonest free slots strictly after the given instant, across days", () => {
    expect(nextFreeSlots(coach, utc("2026-01-05T09:00"), 3).map((slot) => iso(slot.start))).toEqual([
      "2026-01-05T11:00Z",
      "2026-01-12T09:00Z",
      "2026-01-12T10:00Z",
    ]);
  });

  it("stops at the horizon, returning fewer when there are no more", () => {
    const soon = { ...coach, session: { ...coach.session, horizonDays: 8 } };
    expect(nextFreeSlots(soon, utc("2026-01-05T00:00"), 10).map((slot) => iso(slot.start))).toEqual(["2026-01-05T09:00Z", "2026-01-05T11:00Z"]);
  });

  it("starts no earlier than now + notice, whatever instant it is given", () => {
    const later = { ...coach, now: utc("2026-01-12T09:30") };
    expect(nextFreeSlots(later, 0, 2).map((slot) => iso(slot.start))).toEqual(["2026-01-12T10:00Z", "2026-01-12T11:00Z"]);
  });

  it("returns nothing for a count of 0 and refuses a negative count", () => {
    expect(nextFreeSlots(coach, 0, 0)).toEqual([]);
    expect(() => nextFreeSlots(coach, 0, -1)).toThrow(RangeError);
  });
});
