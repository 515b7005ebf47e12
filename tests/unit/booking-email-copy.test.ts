import { describe, expect, it } from "vitest";
import { describeMinutes, remindersSentence, timeForBoth } from "@/lib/email/templates/booking-common";

const maya = { name: "Maya", email: "coach@example.com", timeZone: "Europe/London" };
const sam = { name: "Sam", email: "sam@example.com", timeZone: "America/New_York" };

describe("timeForBoth", () => {
  it("gives the reader's full date and time, then the other person's clock", () => {
    expect(timeForBoth(new Date("2026-03-03T19:00:00Z"), sam, maya)).toBe(
      "Tuesday 3 March 2026, 14:00 (America/New_York) — that's 19:00 for Maya (Europe/London)",
    );
  });

  it("names the other person's date when it differs", () => {
    expect(timeForBoth(new Date("2026-03-04T01:30:00Z"), sam, maya)).toBe(
      "Tuesday 3 March 2026, 20:30 (America/New_York) — that's Wednesday 4 March 2026, 01:30 for Maya (Europe/London)",
    );
  });

  it("follows each zone's own clock change (New York moved on 8 March 2026, London on 29 March)", () => {
    expect(timeForBoth(new Date("2026-03-10T14:00:00Z"), sam, maya)).toBe(
      "Tuesday 10 March 2026, 10:00 (America/New_York) — that's 14:00 for Maya (Europe/London)",
    );
  });

  it("says it once when both share a zone", () => {
    expect(timeForBoth(new Date("2026-03-03T14:00:00Z"), maya, { ...sam, timeZone: "Europe/London" })).toBe(
      "Tuesday 3 March 2026, 14:00 (Europe/London)",
    );
    // One zone under its old and its current name (a booking stored before the rename) is still one zone.
    expect(timeForBoth(new Date("2026-03-03T14:00:00Z"), { ...sam, timeZone: "Asia/Kolkata" }, { ...maya, timeZone: "Asia/Calcutta" })).toBe(
      "Tuesday 3 March 2026, 19:30 (Asia/Kolkata)",
    );
  });
});

describe("reminder wording", () => {
  it("describes offsets in plain words", () => {
    expect([1440, 2880, 60, 120, 90, 1].map(describeMinutes)).toEqual(["a day", "2 days", "an hour", "2 hours", "90 minutes", "a minute"]);
  });

  it("lists the reminders, longest first, or says nothing without any", () => {
    expect(remindersSentence([60, 1440])).toBe("We'll email you a reminder a day before and an hour before.");
    expect(remindersSentence([60, 30, 1440])).toBe("We'll email you a reminder a day before, an hour before and 30 minutes before.");
    expect(remindersSentence([])).toBe("");
  });
});
