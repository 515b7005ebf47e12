import { describe, expect, it } from "vitest";
import {
  bothZonesLabel,
  dayLabel,
  durationLabel,
  firstName,
  priceLabel,
  questionLabel,
  sessionTimesLabel,
  slotLabel,
  statusLabel,
  waitLabel,
} from "@/components/booking/labels";

describe("dayLabel", () => {
  it("names the whole date and how many times it has", () => {
    expect(dayLabel("2026-03-03", 4)).toBe("Tuesday 3 March 2026, 4 times available");
    expect(dayLabel("2026-03-03", 1)).toBe("Tuesday 3 March 2026, 1 time available");
    expect(dayLabel("2026-03-04", 0)).toBe("Wednesday 4 March 2026, no times available");
  });

  it("says which day is today and when times are still being looked up", () => {
    expect(dayLabel("2026-11-25", 0, { today: true })).toBe("Wednesday 25 November 2026 (today), no times available");
    expect(dayLabel("2026-11-25", undefined)).toBe("Wednesday 25 November 2026, looking up times");
  });
});

describe("slotLabel / sessionTimesLabel", () => {
  const slot = { start: "2026-03-03T19:00:00.000Z", end: "2026-03-03T19:20:00.000Z" };

  it("reads a time in full: range, date and zone, starting with what the button shows", () => {
    expect(slotLabel(slot, "America/New_York")).toBe("14:00 to 14:20, Tuesday 3 March 2026, America/New_York");
    expect(slotLabel(slot, "Europe/London")).toBe("19:00 to 19:20, Tuesday 3 March 2026, Europe/London");
  });

  it("uses the date of the reader's zone", () => {
    expect(slotLabel(slot, "Asia/Tokyo")).toBe("04:00 to 04:20, Wednesday 4 March 2026, Asia/Tokyo");
  });

  it("writes a session's date and times for summaries", () => {
    expect(sessionTimesLabel(slot, "America/New_York")).toBe("Tuesday 3 March 2026, 14:00 to 14:20 (America/New_York)");
  });
});

describe("bothZonesLabel", () => {
  it("gives the client's time and the coach's", () => {
    expect(bothZonesLabel("2026-03-03T19:00:00Z", "America/New_York", "Europe/London", "Maya")).toBe(
      "Tue 3 Mar, 14:00 your time (America/New_York) — 19:00 for Maya (Europe/London)",
    );
  });

  it("adds the coach's date when her clock shows another day", () => {
    expect(bothZonesLabel("2026-03-04T01:30:00Z", "America/Los_Angeles", "Europe/London", "Maya")).toBe(
      "Tue 3 Mar, 17:30 your time (America/Los_Angeles) — Wed 4 Mar, 01:30 for Maya (Europe/London)",
    );
  });

  it("says it once when both share a zone", () => {
    expect(bothZonesLabel("2026-03-03T14:00:00Z", "Europe/London", "Europe/London", "Maya")).toBe(
      "Tue 3 Mar, 14:00 (Europe/London), your time and Maya's",
    );
  });

  it("is right in the weeks the US and UK clocks change on different dates", () => {
    // 27 October 2026: London on GMT, New York still on EDT.
    expect(bothZonesLabel("2026-10-27T14:00:00Z", "America/New_York", "Europe/London", "Maya")).toBe(
      "Tue 27 Oct, 10:00 your time (America/New_York) — 14:00 for Maya (Europe/London)",
    );
    // 3 November 2026: both on winter time.
    expect(bothZonesLabel("2026-11-03T14:00:00Z", "America/New_York", "Europe/London", "Maya")).toBe(
      "Tue 3 Nov, 09:00 your time (America/New_York) — 14:00 for Maya (Europe/London)",
    );
  });
});

describe("priceLabel / durationLabel", () => {
  it("says Free for no price, and the price in its currency otherwise", () => {
    expect(priceLabel(0, "GBP")).toBe("Free");
    expect(priceLabel(9500, "GBP")).toBe("£95");
    expect(priceLabel(9550, "GBP")).toBe("£95.50");
    expect(priceLabel(12000, "EUR")).toBe("€120");
  });

  it("writes durations in words", () => {
    expect(durationLabel(20)).toBe("20 minutes");
    expect(durationLabel(60)).toBe("1 hour");
    expect(durationLabel(90)).toBe("1 hour 30 minutes");
    expect(durationLabel(120)).toBe("2 hours");
    expect(durationLabel(1)).toBe("1 minute");
  });
});

describe("statusLabel", () => {
  it("puts every state in plain words", () => {
    expect(statusLabel("CONFIRMED")).toBe("Confirmed");
    expect(statusLabel("CANCELLED")).toBe("Cancelled");
    expect(statusLabel("HELD")).toBe("Waiting for payment");
    expect(statusLabel("COMPLETED")).toBe("Took place");
    expect(statusLabel("NO_SHOW")).toBe("Marked as missed");
    expect(statusLabel("EXPIRED")).toMatch(/^Not booked/);
    expect(statusLabel("SOMETHING_NEW")).toBe("Something new");
  });
});

describe("small wording helpers", () => {
  it("uses a first name, or 'your coach'", () => {
    expect(firstName("Maya Ellison")).toBe("Maya");
    expect(firstName("  Maya  ")).toBe("Maya");
    expect(firstName(null)).toBe("your coach");
    expect(firstName("")).toBe("your coach");
  });

  it("turns Retry-After seconds into a calm estimate", () => {
    expect(waitLabel(30)).toBe("about a minute");
    expect(waitLabel(61)).toBe("about 2 minutes");
    expect(waitLabel(900)).toBe("about 15 minutes");
    expect(waitLabel(7200)).toBe("about 2 hours");
    expect(waitLabel(Number.NaN)).toBe("about a minute");
  });

  it("marks required and optional questions in words, once", () => {
    expect(questionLabel("What would you like us to focus on?", true)).toBe("What would you like us to focus on? (required)");
    expect(questionLabel("Anything else?", false)).toBe("Anything else? (optional)");
    expect(questionLabel("What would you like to talk about? (optional)", false)).toBe("What would you like to talk about? (optional)");
  });
});
