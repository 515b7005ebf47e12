import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatDate, formatMonth, formatShortDate, formatTime, formatTimeRange } from "@/lib/time/format";

describe("formatDate / formatTime", () => {
  it("split formatDateTime's wording into its date and its time", () => {
    const instant = new Date("2026-03-03T14:00:00Z");
    expect(formatDate(instant, "Europe/London")).toBe("Tuesday 3 March 2026");
    expect(formatTime(instant, "Europe/London")).toBe("14:00");
  });

  it("read the clock of the zone, date included", () => {
    const instant = new Date("2026-03-03T23:30:00Z");
    expect(formatDate(instant, "Asia/Tokyo")).toBe("Wednesday 4 March 2026");
    expect(formatTime(instant, "Asia/Tokyo")).toBe("08:30");
    expect(formatTime(instant, "Asia/Kolkata")).toBe("05:00");
  });

  it("write midnight as 00:00 and accept epoch milliseconds", () => {
    expect(formatTime(Date.parse("2026-01-10T00:00:00Z"), "UTC")).toBe("00:00");
  });

  it("follow the US and UK clock changes, which fall on different weekends", () => {
    // 1 November 2026: New York has gone back (EST, UTC-5); London went back on 25 October.
    const start = Date.parse("2026-11-02T15:00:00Z");
    expect(formatTime(start, "Europe/London")).toBe("15:00");
    expect(formatTime(start, "America/New_York")).toBe("10:00");
    // 27 October 2026: London is on GMT, New York still on EDT (UTC-4): four hours apart, not five.
    const gap = Date.parse("2026-10-27T15:00:00Z");
    expect(formatTime(gap, "Europe/London")).toBe("15:00");
    expect(formatTime(gap, "America/New_York")).toBe("11:00");
  });

  it("rejects an unknown zone", () => {
    expect(() => formatTime(new Date(), "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("formatTimeRange", () => {
  it("joins two clock times with 'to'", () => {
    expect(formatTimeRange(new Date("2026-03-03T19:00:00Z"), new Date("2026-03-03T19:20:00Z"), "America/New_York")).toBe("14:00 to 14:20");
  });
});

describe("formatShortDate", () => {
  it("cuts the full names to three letters, whatever the ICU version abbreviates", () => {
    expect(formatShortDate(new Date("2026-03-03T14:00:00Z"), "Europe/London")).toBe("Tue 3 Mar");
    expect(formatShortDate(new Date("2026-09-16T14:00:00Z"), "Europe/London")).toBe("Wed 16 Sep");
  });
});

describe("formatCalendarDate / formatMonth", () => {
  it("names a calendar date without shifting it through any zone", () => {
    expect(formatCalendarDate("2026-03-03")).toBe("Tuesday 3 March 2026");
    expect(formatCalendarDate("2026-12-31")).toBe("Thursday 31 December 2026");
    expect(formatCalendarDate("2028-02-29")).toBe("Tuesday 29 February 2028");
  });

  it("names a month", () => {
    expect(formatMonth("2026-11")).toBe("November 2026");
    expect(formatMonth("2027-01")).toBe("January 2027");
  });

  it("rejects what is not a date", () => {
    expect(() => formatCalendarDate("3 March")).toThrow(RangeError);
  });
});
