import { describe, expect, it } from "vitest";
import { formatDateTime } from "@/lib/time/format";

describe("formatDateTime", () => {
  it("shows the full date, the 24-hour time and the zone", () => {
    expect(formatDateTime(new Date("2026-03-03T14:00:00Z"), "Europe/London")).toBe("Tuesday 3 March 2026, 14:00 (Europe/London)");
  });

  it("uses the wall clock of the zone, including the date", () => {
    expect(formatDateTime(new Date("2026-03-03T23:30:00Z"), "America/New_York")).toBe("Tuesday 3 March 2026, 18:30 (America/New_York)");
    expect(formatDateTime(new Date("2026-03-03T23:30:00Z"), "Asia/Tokyo")).toBe("Wednesday 4 March 2026, 08:30 (Asia/Tokyo)");
  });

  it("writes the first half hour after midnight as 00:30, not 24:30", () => {
    expect(formatDateTime(new Date("2026-01-10T00:30:00Z"), "UTC")).toBe("Saturday 10 January 2026, 00:30 (UTC)");
  });

  it("follows the clock change in the northern hemisphere (London, spring forward on 29 March 2026)", () => {
    expect(formatDateTime(new Date("2026-03-29T00:30:00Z"), "Europe/London")).toBe("Sunday 29 March 2026, 00:30 (Europe/London)");
    expect(formatDateTime(new Date("2026-03-29T01:30:00Z"), "Europe/London")).toBe("Sunday 29 March 2026, 02:30 (Europe/London)");
    expect(formatDateTime(new Date("2026-10-25T00:30:00Z"), "Europe/London")).toBe("Sunday 25 October 2026, 01:30 (Europe/London)");
    expect(formatDateTime(new Date("2026-10-25T01:30:00Z"), "Europe/London")).toBe("Sunday 25 October 2026, 01:30 (Europe/London)");
  });

  it("follows the clock change in the southern hemisphere (Sydney, fall back on 5 April 2026)", () => {
    expect(formatDateTime(new Date("2026-04-04T14:30:00Z"), "Australia/Sydney")).toBe("Sunday 5 April 2026, 01:30 (Australia/Sydney)");
    expect(formatDateTime(new Date("2026-04-04T16:30:00Z"), "Australia/Sydney")).toBe("Sunday 5 April 2026, 02:30 (Australia/Sydney)");
    expect(formatDateTime(new Date("2026-04-04T17:30:00Z"), "Australia/Sydney")).toBe("Sunday 5 April 2026, 03:30 (Australia/Sydney)");
    expect(formatDateTime(new Date("2026-10-03T15:30:00Z"), "Australia/Sydney")).toBe("Sunday 4 October 2026, 01:30 (Australia/Sydney)");
    expect(formatDateTime(new Date("2026-10-03T16:30:00Z"), "Australia/Sydney")).toBe("Sunday 4 October 2026, 03:30 (Australia/Sydney)");
  });

  it("rejects an unknown zone instead of guessing", () => {
    expect(() => formatDateTime(new Date(), "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});
