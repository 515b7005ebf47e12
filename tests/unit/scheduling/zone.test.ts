import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { addDays, calendarDateInZone, currentZoneName, isCalendarDate, isoWeekday, isValidTimeZone, wallClockToInstant } from "@/lib/time/zone";
import { iso, MINUTE_MS, utc } from "./support";

const ZONES = [
  "UTC",
  "Europe/London",
  "America/New_York",
  "America/Los_Angeles",
  "America/Adak",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "America/St_Johns",
  "America/Santiago",
  "Pacific/Chatham",
  "Africa/Casablanca",
];

describe("currentZoneName", () => {
  it("gives today's spelling of a renamed zone, with the same offsets", () => {
    const instant = utc("2026-07-01T12:00");
    for (const [old, current] of [
      ["Asia/Calcutta", "Asia/Kolkata"],
      ["Europe/Kiev", "Europe/Kyiv"],
      ["Asia/Saigon", "Asia/Ho_Chi_Minh"],
      ["America/Godthab", "America/Nuuk"],
      ["America/Buenos_Aires", "America/Argentina/Buenos_Aires"],
    ]) {
      expect(currentZoneName(old)).toBe(current);
      expect(isValidTimeZone(current)).toBe(true);
      expect(wallClockToInstant(calendarDateInZone(instant, current), 600, current)).toBe(wallClockToInstant(calendarDateInZone(instant, old), 600, old));
    }
  });

  it("keeps the old name where the runtime's tz data doesn't know the new one yet (an older browser)", () => {
    const RealDateTimeFormat = Intl.DateTimeFormat;
    const olderRuntime = vi.spyOn(Intl, "DateTimeFormat").mockImplementation(((locales?: string | string[], options?: Intl.DateTimeFormatOptions) => {
      if (options?.timeZone === "Pacific/Chuuk") throw new RangeError("Invalid time zone specified: Pacific/Chuuk");
      return new RealDateTimeFormat(locales, options);
    }) as typeof Intl.DateTimeFormat);
    try {
      expect(currentZoneName("Pacific/Truk")).toBe("Pacific/Truk");
    } finally {
      olderRuntime.mockRestore();
    }
    expect(currentZoneName("Pacific/Truk")).toBe("Pacific/Chuuk");
  });

  it("leaves current names, zones that only share another's data, and unknown text as they are", () => {
    for (const zone of ["Asia/Kolkata", "Europe/London", "Europe/Bratislava", "UTC", "Nowhere/Special", "__proto__", "toString"]) expect(currentZoneName(zone)).toBe(zone);
  });

  it("turns every zone this runtime lists into a name it also accepts", () => {
    for (const zone of Intl.supportedValuesOf("timeZone")) expect(isValidTimeZone(currentZoneName(zone)), zone).toBe(true);
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA names and UTC", () => {
    for (const zone of ["Europe/London", "America/New_York", "Asia/Kolkata", "UTC"]) expect(isValidTimeZone(zone)).toBe(true);
  });

  it("rejects unknown names, the empty string and bare offsets", () => {
    for (const zone of ["Mars/Olympus_Mons", "", "+01:00", "London"]) expect(isValidTimeZone(zone)).toBe(false);
  });
});

describe("calendar dates", () => {
  it("accepts real dates only", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(isCalendarDate("2026-04-31")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("2026-1-01")).toBe(false);
    expect(isCalendarDate("2026-01-01T00:00")).toBe(false);
  });

  it("adds days across month, leap-day and year ends, forwards and backwards", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2026-03-01", 365)).toBe("2027-03-01");
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
  });

  it("agrees with Date on every day of a full 400-year cycle (1600-1999)", () => {
    const mismatches: string[] = [];
    for (let day = -135_140; day < -135_140 + 146_097; day++) {
      const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (addDays("1970-01-01", day) !== expected || !isCalendarDate(expected)) mismatches.push(expected);
    }
    expect(mismatches).toEqual([]);
  });

  it("gives ISO weekdays, Monday = 1 ... Sunday = 7", () => {
    expect(isoWeekday("2026-03-02")).toBe(1);
    expect(isoWeekday("2026-03-03")).toBe(2);
    expect(isoWeekday("2026-03-29")).toBe(7);
    expect(isoWeekday("1970-01-01")).toBe(4);
    expect(isoWeekday("1969-12-29")).toBe(1);
  });
});

describe("calendarDateInZone", () => {
  it("reads the date on the zone's clock", () => {
    expect(calendarDateInZone(utc("2026-03-03T23:30"), "America/New_York")).toBe("2026-03-03");
    expect(calendarDateInZone(utc("2026-03-03T23:30"), "Asia/Tokyo")).toBe("2026-03-04");
    expect(calendarDateInZone(new Date("2026-03-03T23:30:00Z"), "UTC")).toBe("2026-03-03");
  });

  it("turns the date at the half-hour offset in Kolkata", () => {
    expect(calendarDateInZone(utc("2026-03-03T18:30") - 1, "Asia/Kolkata")).toBe("2026-03-03");
    expect(calendarDateInZone(utc("2026-03-03T18:30"), "Asia/Kolkata")).toBe("2026-03-04");
  });

  it("throws a RangeError for an unknown zone", () => {
    expect(() => calendarDateInZone(0, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("wallClockToInstant", () => {
  it("converts an ordinary wall time, including minute 1440", () => {
    expect(iso(wallClockToInstant("2026-01-15", 9 * 60, "Europe/London"))).toBe("2026-01-15T09:00Z");
    expect(iso(wallClockToInstant("2026-07-15", 9 * 60, "Europe/London"))).toBe("2026-07-15T08:00Z");
    expect(iso(wallClockToInstant("2026-03-04", 0, "Asia/Kolkata"))).toBe("2026-03-03T18:30Z");
    expect(iso(wallClockToInstant("2026-01-15", 1440, "America/New_York"))).toBe("2026-01-16T05:00Z");
  });

  it("resolves the skipped hour to the moment the clock jumps (London, 29 March 2026)", () => {
    // 00:59:59 GMT is followed by 02:00 BST at 01:00 UTC.
    expect(iso(wallClockToInstant("2026-03-29", 59, "Europe/London"))).toBe("2026-03-29T00:59Z");
    expect(iso(wallClockToInstant("2026-03-29", 60, "Europe/London"))).toBe("2026-03-29T01:00Z");
    expect(iso(wallClockToInstant("2026-03-29", 90, "Europe/London"))).toBe("2026-03-29T01:00Z");
    expect(iso(wallClockToInstant("2026-03-29", 120, "Europe/London"))).toBe("2026-03-29T01:00Z");
    expect(iso(wallClockToInstant("2026-03-29", 150, "Europe/London"))).toBe("2026-03-29T01:30Z");
  });

  it("resolves the repeated hour to its first pass (London, 25 October 2026)", () => {
    // 01:59:59 BST is followed by 01:00 GMT at 01:00 UTC.
    expect(iso(wallClockToInstant("2026-10-25", 60, "Europe/London"))).toBe("2026-10-25T00:00Z");
    expect(iso(wallClockToInstant("2026-10-25", 90, "Europe/London"))).toBe("2026-10-25T00:30Z");
    expect(iso(wallClockToInstant("2026-10-25", 120, "Europe/London"))).toBe("2026-10-25T02:00Z");
  });

  it("handles New York's changes (forward on 8 March, back on 1 November 2026)", () => {
    expect(iso(wallClockToInstant("2026-03-08", 150, "America/New_York"))).toBe("2026-03-08T07:00Z");
    expect(iso(wallClockToInstant("2026-03-08", 180, "America/New_York"))).toBe("2026-03-08T07:00Z");
    expect(iso(wallClockToInstant("2026-11-01", 90, "America/New_York"))).toBe("2026-11-01T05:30Z");
    expect(iso(wallClockToInstant("2026-11-01", 120, "America/New_York"))).toBe("2026-11-01T07:00Z");
  });

  it("handles a zone far west of UTC (Adak, UTC-10, forward on 8 March 2026)", () => {
    // 02:00 HST is 12:00 UTC, more than half a day after the wall time read as UTC.
    expect(iso(wallClockToInstant("2026-03-08", 150, "America/Adak"))).toBe("2026-03-08T12:00Z");
    expect(iso(wallClockToInstant("2026-03-08", 180, "America/Adak"))).toBe("2026-03-08T12:00Z");
    expect(iso(wallClockToInstant("2026-03-08", 90, "America/Adak"))).toBe("2026-03-08T11:30Z");
  });

  it("handles the southern hemisphere (Sydney: back on 5 April, forward on 4 October 2026)", () => {
    expect(iso(wallClockToInstant("2026-04-05", 150, "Australia/Sydney"))).toBe("2026-04-04T15:30Z");
    expect(iso(wallClockToInstant("2026-04-05", 180, "Australia/Sydney"))).toBe("2026-04-04T17:00Z");
    expect(iso(wallClockToInstant("2026-10-04", 150, "Australia/Sydney"))).toBe("2026-10-03T16:00Z");
    expect(iso(wallClockToInstant("2026-10-04", 180, "Australia/Sydney"))).toBe("2026-10-03T16:00Z");
  });

  it("handles a half-hour change (Lord Howe Island, forward from 02:00 to 02:30 on 4 October 2026)", () => {
    expect(iso(wallClockToInstant("2026-10-04", 135, "Australia/Lord_Howe"))).toBe("2026-10-03T15:30Z");
    expect(iso(wallClockToInstant("2026-10-04", 150, "Australia/Lord_Howe"))).toBe("2026-10-03T15:30Z");
  });

  it("handles a change at midnight (Santiago: 00:00 does not exist on 6 September 2026)", () => {
    expect(iso(wallClockToInstant("2026-09-06", 0, "America/Santiago"))).toBe("2026-09-06T04:00Z");
    expect(calendarDateInZone(utc("2026-09-06T04:00"), "America/Santiago")).toBe("2026-09-06");
    expect(calendarDateInZone(utc("2026-09-06T04:00") - 1, "America/Santiago")).toBe("2026-09-05");
  });

  it("throws a RangeError for an unknown zone or a malformed date", () => {
    expect(() => wallClockToInstant("2026-01-01", 0, "Mars/Olympus_Mons")).toThrow(RangeError);
    expect(() => wallClockToInstant("2026-02-30", 0, "UTC")).toThrow(RangeError);
  });

  // The oracle is a fresh Intl.DateTimeFormat, not the cache under test.
  const wallClock = (time: number, timeZone: string) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
        .formatToParts(time)
        .map((part) => [part.type, part.value]),
    );
    return { date: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
  };
  const instantInZone = fc.record({
    time: fc.integer({ min: utc("2020-01-01T00:00"), max: utc("2035-12-31T00:00") }).map((time) => time - (time % MINUTE_MS)),
    zone: fc.constantFrom(...ZONES),
  });

  it("property: calendarDateInZone agrees with Intl at any instant", () => {
    fc.assert(
      fc.property(instantInZone, ({ time, zone }) => {
        expect(calendarDateInZone(time, zone)).toBe(wallClock(time, zone).date);
      }),
      { numRuns: 500 },
    );
  });

  it("property: an instant's wall time converts back to it, or to the first pass of a repeated time", () => {
    fc.assert(
      fc.property(instantInZone, ({ time, zone }) => {
        const wall = wallClock(time, zone);
        const first = wallClockToInstant(wall.date, wall.minute, zone);
        expect(first).toBeLessThanOrEqual(time);
        expect(wallClock(first, zone)).toEqual(wall);
        // Nothing earlier shows this wall time: a minute before, the clock read something else.
        expect(wallClock(first - MINUTE_MS, zone)).not.toEqual(wall);
      }),
      { numRuns: 500 },
    );
  });

  it("property: the instant never goes backwards as the wall time grows", () => {
    const wallTimes = fc.record({
      date: fc.integer({ min: 0, max: 5000 }).map((day) => addDays("2020-01-01", day)),
      minute: fc.integer({ min: 0, max: 1439 }),
      zone: fc.constantFrom(...ZONES),
    });
    fc.assert(
      fc.property(wallTimes, fc.integer({ min: 1, max: 240 }), ({ date, minute, zone }, later) => {
        expect(wallClockToInstant(date, minute + later, zone)).toBeGreaterThanOrEqual(wallClockToInstant(date, minute, zone));
      }),
      { numRuns: 500 },
    );
  });
});
