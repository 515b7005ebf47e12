import { describe, expect, it } from "vitest";
import { findFreeSlots } from "@/lib/scheduling/find-free-slots";
import type { SessionRules, SlotEngineInput } from "@/lib/scheduling/types";
import { input, startsByDate, utc } from "./support";

const MONDAY = { from: "2026-01-05", to: "2026-01-05", timeZone: "UTC" };
const starts = (engineInput: SlotEngineInput, range = MONDAY) => startsByDate(findFreeSlots(engineInput, range));

describe("findFreeSlots: the grid", () => {
  it("offers whole sessions stepping by the duration from the window's start", () => {
    expect(starts(input())).toEqual({ "2026-01-05": ["2026-01-05T09:00Z", "2026-01-05T10:00Z", "2026-01-05T11:00Z"] });
  });

  it("returns each slot's end as start + duration", () => {
    const [day] = findFreeSlots(input({ session: { durationMinutes: 50 } }), MONDAY);
    expect(day.slots.map((slot) => slot.end - slot.start)).toEqual([50 * 60_000, 50 * 60_000, 50 * 60_000]);
  });

  it("steps by slotIntervalMinutes when it is set", () => {
    expect(starts(input({ session: { slotIntervalMinutes: 30 } }))).toEqual({
      "2026-01-05": ["2026-01-05T09:00Z", "2026-01-05T09:30Z", "2026-01-05T10:00Z", "2026-01-05T10:30Z", "2026-01-05T11:00Z"],
    });
  });

  it("aligns the grid to the start of each window", () => {
    const weeklyRules = [
      { weekday: 1, startMinute: 9 * 60 + 10, endMinute: 11 * 60 },
      { weekday: 1, startMinute: 13 * 60, endMinute: 14 * 60 + 30 },
    ];
    expect(starts(input({ weeklyRules, session: { durationMinutes: 30 } }))).toEqual({
      "2026-01-05": ["2026-01-05T09:10Z", "2026-01-05T09:40Z", "2026-01-05T10:10Z", "2026-01-05T13:00Z", "2026-01-05T13:30Z", "2026-01-05T14:00Z"],
    });
  });

  it("merges a date's overlapping and touching windows, so a longer session fits across them", () => {
    const weeklyRules = [
      { weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60 },
      { weekday: 1, startMinute: 10 * 60, endMinute: 11 * 60 },
      { weekday: 1, startMinute: 10 * 60 + 30, endMinute: 11 * 60 + 30 },
    ];
    expect(starts(input({ weeklyRules, session: { durationMinutes: 90, slotIntervalMinutes: 30 } }))).toEqual({
      "2026-01-05": ["2026-01-05T09:00Z", "2026-01-05T09:30Z", "2026-01-05T10:00Z"],
    });
  });

  it("never lets a session cross the coach's midnight, even between touching windows", () => {
    const weeklyRules = [
      { weekday: 1, startMinute: 22 * 60, endMinute: 1440 },
      { weekday: 2, startMinute: 0, endMinute: 2 * 60 },
    ];
    expect(starts(input({ weeklyRules, session: { slotIntervalMinutes: 30 } }), { from: "2026-01-05", to: "2026-01-06", timeZone: "UTC" })).toEqual({
      "2026-01-05": ["2026-01-05T22:00Z", "2026-01-05T22:30Z", "2026-01-05T23:00Z"],
      "2026-01-06": ["2026-01-06T00:00Z", "2026-01-06T00:30Z", "2026-01-06T01:00Z"],
    });
  });

  it("lists only dates with slots, in order", () => {
    const weeklyRules = [
      { weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60 },
      { weekday: 3, startMinute: 9 * 60, endMinute: 10 * 60 },
    ];
    expect(starts(input({ weeklyRules }), { from: "2026-01-04", to: "2026-01-08", timeZone: "UTC" })).toEqual({
      "2026-01-05": ["2026-01-05T09:00Z"],
      "2026-01-07": ["2026-01-07T09:00Z"],
    });
    expect(findFreeSlots(input({ weeklyRules }), { from: "2026-01-08", to: "2026-01-04", timeZone: "UTC" })).toEqual([]);
  });
});

describe("findFreeSlots: clock changes", () => {
  const sunday = (coachTimeZone: string, startMinute: number, endMinute: number, durationMinutes = 60) =>
    input({ coachTimeZone, weeklyRules: [{ weekday: 7, startMinute, endMinute }], session: { durationMinutes } });

  it("London, spring forward (29 March 2026): a 01:00-03:00 window is one hour long", () => {
    const coach = sunday("Europe/London", 60, 180, 30);
    expect(starts(coach, { from: "2026-03-22", to: "2026-03-29", timeZone: "Europe/London" })).toEqual({
      "2026-03-22": ["2026-03-22T01:00Z", "2026-03-22T01:30Z", "2026-03-22T02:00Z", "2026-03-22T02:30Z"],
      // 02:00 and 02:30 BST: the wall times 01:00-01:59 do not exist that day.
      "2026-03-29": ["2026-03-29T01:00Z", "2026-03-29T01:30Z"],
    });
  });

  it("London, fall back (25 October 2026): the repeated hour is offered once per instant, none missing", () => {
    const coach = sunday("Europe/London", 0, 180, 30);
    expect(starts(coach, { from: "2026-10-25", to: "2026-10-25", timeZone: "Europe/London" })).toEqual({
      // 00:00, 00:30, 01:00, 01:30 BST, then 01:00, 01:30, 02:00, 02:30 GMT.
      "2026-10-25": [
        "2026-10-24T23:00Z",
        "2026-10-24T23:30Z",
        "2026-10-25T00:00Z",
        "2026-10-25T00:30Z",
        "2026-10-25T01:00Z",
        "2026-10-25T01:30Z",
        "2026-10-25T02:00Z",
        "2026-10-25T02:30Z",
      ],
    });
  });

  it("London: a 09:00 window follows the clock from one day to the next", () => {
    const coach = input({
      coachTimeZone: "Europe/London",
      weeklyRules: [
        { weekday: 6, startMinute: 9 * 60, endMinute: 10 * 60 },
        { weekday: 7, startMinute: 9 * 60, endMinute: 10 * 60 },
      ],
    });
    expect(starts(coach, { from: "2026-10-24", to: "2026-10-25", timeZone: "Europe/London" })).toEqual({
      "2026-10-24": ["2026-10-24T08:00Z"],
      "2026-10-25": ["2026-10-25T09:00Z"],
    });
  });

  it("New York, spring forward (8 March 2026): 01:00-04:00 holds two hour-long sessions", () => {
    expect(starts(sunday("America/New_York", 60, 240), { from: "2026-03-08", to: "2026-03-08", timeZone: "America/New_York" })).toEqual({
      "2026-03-08": ["2026-03-08T06:00Z", "2026-03-08T07:00Z"],
    });
  });

  it("New York, fall back (1 November 2026): 00:00-03:00 holds four hour-long sessions", () => {
    expect(starts(sunday("America/New_York", 0, 180), { from: "2026-11-01", to: "2026-11-01", timeZone: "America/New_York" })).toEqual({
      "2026-11-01": ["2026-11-01T04:00Z", "2026-11-01T05:00Z", "2026-11-01T06:00Z", "2026-11-01T07:00Z"],
    });
  });

  it("Sydney, fall back in April and spring forward in October 2026", () => {
    const coach = sunday("Australia/Sydney", 60, 240);
    expect(starts(coach, { from: "2026-04-05", to: "2026-04-05", timeZone: "Australia/Sydney" })).toEqual({
      "2026-04-05": ["2026-04-04T14:00Z", "2026-04-04T15:00Z", "2026-04-04T16:00Z", "2026-04-04T17:00Z"],
    });
    expect(starts(coach, { from: "2026-10-04", to: "2026-10-04", timeZone: "Australia/Sydney" })).toEqual({
      "2026-10-04": ["2026-10-03T15:00Z", "2026-10-03T16:00Z"],
    });
  });

  it("a window wholly inside the skipped hour offers nothing; a break that never happens joins its neighbours", () => {
    const coach = input({
      coachTimeZone: "Europe/London",
      weeklyRules: [
        { weekday: 7, startMinute: 30, endMinute: 60 },
        { weekday: 7, startMinute: 70, endMinute: 110 },
        { weekday: 7, startMinute: 120, endMinute: 150 },
      ],
    });
    expect(starts(coach, { from: "2026-03-29", to: "2026-03-29", timeZone: "Europe/London" })).toEqual({
      // 00:30 GMT until 02:30 BST is one hour of real time.
      "2026-03-29": ["2026-03-29T00:30Z"],
    });
  });
});

describe("findFreeSlots: the visitor's dates", () => {
  // A London coach, weekdays 17:00-20:00 (UTC in March before the change); Kolkata is UTC+05:30.
  const coach = input({
    coachTimeZone: "Europe/London",
    weeklyRules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 17 * 60, endMinute: 20 * 60 })),
  });

  it("groups by the visitor's calendar date (Asia/Kolkata, half-hour offset)", () => {
    expect(starts(coach, { from: "2026-03-02", to: "2026-03-03", timeZone: "Asia/Kolkata" })).toEqual({
      // 22:30 and 23:30 on Monday in Kolkata.
      "2026-03-02": ["2026-03-02T17:00Z", "2026-03-02T18:00Z"],
      // Monday's 19:00 UTC is 00:30 on Tuesday in Kolkata; Tuesday's 19:00 UTC is already Wednesday there.
      "2026-03-03": ["2026-03-02T19:00Z", "2026-03-03T17:00Z", "2026-03-03T18:00Z"],
    });
  });

  it("asks the coach's previous date when the visitor's day starts earlier (Pacific/Auckland)", () => {
    // Monday 2 March 17:00-20:00 UTC is Tuesday 3 March 06:00-09:00 in Auckland (UTC+13).
    expect(starts(coach, { from: "2026-03-03", to: "2026-03-03", timeZone: "Pacific/Auckland" })).toEqual({
      "2026-03-03": ["2026-03-02T17:00Z", "2026-03-02T18:00Z", "2026-03-02T19:00Z"],
    });
  });
});

describe("findFreeSlots: buffers", () => {
  // Monday 09:00-11:00, 60-minute sessions with 15 minutes' buffer on each side.
  const buffered = (busy: SlotEngineInput["busy"]) =>
    input({
      weeklyRules: [{ weekday: 1, startMinute: 9 * 60, endMinute: 11 * 60 }],
      busy,
      session: { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 },
    });

  it("do not need to lie inside availability: 09:00 and 10:00 fill a 09:00-11:00 window", () => {
    expect(starts(buffered([]))).toEqual({ "2026-01-05": ["2026-01-05T09:00Z", "2026-01-05T10:00Z"] });
  });

  it("must be clear of busy time before the window (touching is fine)", () => {
    expect(starts(buffered([{ start: utc("2026-01-05T08:00"), end: utc("2026-01-05T08:45") }]))).toEqual({
      "2026-01-05": ["2026-01-05T09:00Z", "2026-01-05T10:00Z"],
    });
    expect(starts(buffered([{ start: utc("2026-01-05T08:00"), end: utc("2026-01-05T08:46") }]))).toEqual({
      "2026-01-05": ["2026-01-05T10:00Z"],
    });
  });

  it("must be clear of busy time after the window (touching is fine)", () => {
    expect(starts(buffered([{ start: utc("2026-01-05T11:15"), end: utc("2026-01-05T12:00") }]))).toEqual({
      "2026-01-05": ["2026-01-05T09:00Z", "2026-01-05T10:00Z"],
    });
    expect(starts(buffered([{ start: utc("2026-01-05T11:14"), end: utc("2026-01-05T12:00") }]))).toEqual({
      "2026-01-05": ["2026-01-05T09:00Z"],
    });
  });

  it("must be clear of time off too", () => {
    const coach = { ...buffered([]), timeOff: [{ start: new Date("2026-01-05T11:00:00Z"), end: new Date("2026-01-05T11:10:00Z") }] };
    expect(starts(coach)).toEqual({ "2026-01-05": ["2026-01-05T09:00Z"] });
  });
});

describe("findFreeSlots: overrides and time off", () => {
  it("an override replaces that date's weekly rules entirely", () => {
    const coach = input({ overrides: [{ date: "2026-01-05", intervals: [{ startMinute: 14 * 60, endMinute: 16 * 60 }] }] });
    expect(starts(coach, { from: "2026-01-05", to: "2026-01-12", timeZone: "UTC" })).toEqual({
      "2026-01-05": ["2026-01-05T14:00Z", "2026-01-05T15:00Z"],
      "2026-01-12": ["2026-01-12T09:00Z", "2026-01-12T10:00Z", "2026-01-12T11:00Z"],
    });
  });

  it("an override with no intervals closes the date; an override can open a date with no rules", () => {
    const coach = input({
      overrides: [
        { date: "2026-01-05", intervals: [] },
        { date: "2026-01-10", intervals: [{ startMinute: 10 * 60, endMinute: 11 * 60 }] },
      ],
    });
    expect(starts(coach, { from: "2026-01-05", to: "2026-01-12", timeZone: "UTC" })).toEqual({
      "2026-01-10": ["2026-01-10T10:00Z"],
      "2026-01-12": ["2026-01-12T09:00Z", "2026-01-12T10:00Z", "2026-01-12T11:00Z"],
    });
  });

  it("an override belongs to the coach's calendar date, not the visitor's", () => {
    // The New York coach's Monday 5 January 20:00-22:00 is Tuesday 01:00-03:00 UTC.
    const coach = input({
      coachTimeZone: "America/New_York",
      weeklyRules: [],
      overrides: [{ date: "2026-01-05", intervals: [{ startMinute: 20 * 60, endMinute: 22 * 60 }] }],
    });
    expect(starts(coach, { from: "2026-01-06", to: "2026-01-06", timeZone: "UTC" })).toEqual({
      "2026-01-06": ["2026-01-06T01:00Z", "2026-01-06T02:00Z"],
    });
  });

  it("time off across midnight blocks the end of one date and the start of the next", () => {
    const coach = input({
      weeklyRules: [1, 2].flatMap((weekday) => [
        { weekday, startMinute: 0, endMinute: 4 * 60 },
        { weekday, startMinute: 20 * 60, endMinute: 1440 },
      ]),
      timeOff: [{ start: utc("2026-01-05T22:00"), end: utc("2026-01-06T02:00") }],
    });
    expect(starts(coach, { from: "2026-01-05", to: "2026-01-06", timeZone: "UTC" })).toEqual({
      "2026-01-05": ["2026-01-05T00:00Z", "2026-01-05T01:00Z", "2026-01-05T02:00Z", "2026-01-05T03:00Z", "2026-01-05T20:00Z", "2026-01-05T21:00Z"],
      "2026-01-06": ["2026-01-06T02:00Z", "2026-01-06T03:00Z", "2026-01-06T20:00Z", "2026-01-06T21:00Z", "2026-01-06T22:00Z", "2026-01-06T23:00Z"],
    });
  });

  it("time off spanning several days closes them all", () => {
    const coach = input({
      weeklyRules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 10 * 60 })),
      timeOff: [{ start: utc("2026-01-05T09:30"), end: utc("2026-01-08T09:00") }],
    });
    expect(starts(coach, { from: "2026-01-04", to: "2026-01-08", timeZone: "UTC" })).toEqual({
      "2026-01-04": ["2026-01-04T09:00Z"],
      "2026-01-08": ["2026-01-08T09:00Z"],
    });
  });
});

describe("findFreeSlots: notice and horizon", () => {
  const daily = (now: number, session: Partial<SessionRules>) =>
    input({ now, weeklyRules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 8 * 60, endMinute: 12 * 60 })), session });
  const twoDays = { from: "2026-01-05", to: "2026-01-06", timeZone: "UTC" };

  it("offers a start exactly at now + notice, and nothing a millisecond earlier", () => {
    expect(starts(daily(utc("2026-01-05T08:00"), { minimumNoticeMinutes: 60, horizonDays: 1 }), twoDays)["2026-01-05"]).toEqual([
      "2026-01-05T09:00Z",
      "2026-01-05T10:00Z",
      "2026-01-05T11:00Z",
    ]);
    expect(starts(daily(utc("2026-01-05T08:00") + 1, { minimumNoticeMinutes: 60, horizonDays: 1 }), twoDays)["2026-01-05"]).toEqual([
      "2026-01-05T10:00Z",
      "2026-01-05T11:00Z",
    ]);
  });

  it("counts the horizon in whole days from now: a start exactly at now + horizon is refused", () => {
    expect(starts(daily(utc("2026-01-05T09:00"), { horizonDays: 1 }), twoDays)).toEqual({
      "2026-01-05": ["2026-01-05T09:00Z", "2026-01-05T10:00Z", "2026-01-05T11:00Z"],
      "2026-01-06": ["2026-01-06T08:00Z"],
    });
    expect(starts(daily(utc("2026-01-05T09:00") + 1, { horizonDays: 1 }), twoDays)["2026-01-06"]).toEqual(["2026-01-06T08:00Z", "2026-01-06T09:00Z"]);
  });

  it("a horizon of 0 days offers nothing", () => {
    expect(findFreeSlots(daily(utc("2026-01-05T00:00"), { horizonDays: 0 }), twoDays)).toEqual([]);
  });
});

describe("findFreeSlots: daily cap", () => {
  const booking = (sessionStart: string, minutes = 60) => ({
    start: utc(sessionStart),
    end: utc(sessionStart) + minutes * 60_000,
    countsTowardDailyCap: true as const,
    sessionStart: utc(sessionStart),
  });
  const week = { from: "2026-01-05", to: "2026-01-06", timeZone: "UTC" };
  const coach = (busy: SlotEngineInput["busy"], maxPerDay: number | null = 2) =>
    input({
      weeklyRules: [1, 2].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 13 * 60 })),
      busy,
      session: { maxPerDay },
    });

  it("closes a date once it has maxPerDay counted bookings", () => {
    expect(starts(coach([booking("2026-01-05T09:00"), booking("2026-01-05T10:00"), booking("2026-01-06T09:00")]), week)).toEqual({
      "2026-01-06": ["2026-01-06T10:00Z", "2026-01-06T11:00Z", "2026-01-06T12:00Z"],
    });
  });

  it("does not count busy time that is not a counted booking", () => {
    const other = { start: utc("2026-01-05T10:00"), end: utc("2026-01-05T11:00") };
    expect(starts(coach([booking("2026-01-05T09:00"), other]), week)["2026-01-05"]).toEqual(["2026-01-05T11:00Z", "2026-01-05T12:00Z"]);
  });

  it("counts by the coach's date of the session start, not the buffer's or UTC's", () => {
    // New York coach: 22:00-24:00 on Monday 5 January is 03:00-05:00 UTC on Tuesday 6 January.
    const newYork = (busy: SlotEngineInput["busy"]) =>
      input({
        coachTimeZone: "America/New_York",
        weeklyRules: [1, 2].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 })),
        busy,
        session: { maxPerDay: 1 },
      });
    const mondayNight = booking("2026-01-06T03:00");
    // A Tuesday-midnight session whose 30-minute buffer before starts on Monday.
    const tuesdayMidnight = { ...booking("2026-01-06T05:00"), start: utc("2026-01-06T04:30") };
    const days = starts(newYork([mondayNight]), { from: "2026-01-05", to: "2026-01-06", timeZone: "America/New_York" });
    expect(Object.keys(days)).toEqual(["2026-01-06"]);
    const tuesdayClosed = starts(newYork([tuesdayMidnight]), { from: "2026-01-05", to: "2026-01-06", timeZone: "America/New_York" });
    expect(Object.keys(tuesdayClosed)).toEqual(["2026-01-05"]);
  });

  it("maxPerDay 0 offers nothing; null means no cap", () => {
    expect(findFreeSlots(coach([], 0), week)).toEqual([]);
    expect(starts(coach([booking("2026-01-05T09:00"), booking("2026-01-05T10:00")], null), week)["2026-01-05"]).toEqual([
      "2026-01-05T11:00Z",
      "2026-01-05T12:00Z",
    ]);
  });
});

describe("findFreeSlots: malformed input", () => {
  it("throws a RangeError naming the problem", () => {
    expect(() => findFreeSlots(input({ coachTimeZone: "Mars/Olympus_Mons" }), MONDAY)).toThrow(/time zone/);
    expect(() => findFreeSlots(input(), { ...MONDAY, timeZone: "Nowhere" })).toThrow(RangeError);
    expect(() => findFreeSlots(input(), { ...MONDAY, from: "2026-02-30" })).toThrow(RangeError);
    expect(() => findFreeSlots(input({ weeklyRules: [{ weekday: 0, startMinute: 0, endMinute: 60 }] }), MONDAY)).toThrow(/Weekday/);
    expect(() => findFreeSlots(input({ weeklyRules: [{ weekday: 1, startMinute: 0, endMinute: 1441 }] }), MONDAY)).toThrow(/window/);
    expect(() => findFreeSlots(input({ weeklyRules: [{ weekday: 1, startMinute: 60, endMinute: 60 }] }), MONDAY)).toThrow(/window/);
    expect(() => findFreeSlots(input({ overrides: [{ date: "5 Jan", intervals: [] }] }), MONDAY)).toThrow(/Override/);
    expect(() => findFreeSlots(input({ session: { durationMinutes: 0 } }), MONDAY)).toThrow(/durationMinutes/);
    expect(() => findFreeSlots(input({ session: { slotIntervalMinutes: 0 } }), MONDAY)).toThrow(/slotIntervalMinutes/);
    expect(() => findFreeSlots(input({ session: { bufferAfterMinutes: -5 } }), MONDAY)).toThrow(/bufferAfterMinutes/);
    expect(() => findFreeSlots(input({ session: { maxPerDay: 1.5 } }), MONDAY)).toThrow(/maxPerDay/);
    expect(() => findFreeSlots(input({ now: new Date("not a date") }), MONDAY)).toThrow(/instant/);
  });
});
