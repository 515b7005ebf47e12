import { describe, expect, it } from "vitest";
import { changeWindow } from "@/lib/booking/change-window";
import { checkIntakeAnswers } from "@/lib/booking/check-intake-answers";
import { reminderJobs } from "@/lib/booking/schedule-reminders";

const start = new Date("2026-03-03T14:00:00Z");

describe("changeWindow", () => {
  const confirmed = { status: "CONFIRMED" as const, startsAt: start, holdExpiresAt: null };

  it("is open until start minus the cutoff, and closed from that instant", () => {
    expect(changeWindow({ booking: confirmed, cancellationCutoffHours: 24, now: new Date("2026-03-02T13:59:59Z") })).toEqual({
      deadline: new Date("2026-03-02T14:00:00Z"),
      holdsItsTime: true,
      open: true,
    });
    expect(changeWindow({ booking: confirmed, cancellationCutoffHours: 24, now: new Date("2026-03-02T14:00:00Z") }).open).toBe(false);
  });

  it("is closed for bookings that no longer hold their time, including a hold that ran out", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    for (const status of ["CANCELLED", "EXPIRED", "COMPLETED", "NO_SHOW"] as const) {
      expect(changeWindow({ booking: { ...confirmed, status }, cancellationCutoffHours: 24, now }).open).toBe(false);
    }
    const hold = { status: "HELD" as const, startsAt: start };
    expect(changeWindow({ booking: { ...hold, holdExpiresAt: new Date("2026-03-01T00:10:00Z") }, cancellationCutoffHours: 24, now }).open).toBe(true);
    expect(changeWindow({ booking: { ...hold, holdExpiresAt: now }, cancellationCutoffHours: 24, now }).holdsItsTime).toBe(false);
  });
});

describe("checkIntakeAnswers", () => {
  const questions = [
    { id: "focus", label: "What would you like to focus on?", type: "text", required: true },
    { id: "format", label: "How do you prefer to meet?", type: "choice", required: true, options: ["Video call", "Phone call"] },
    { id: "extra", label: "Anything else?", type: "text", required: false },
  ];

  it("keeps trimmed answers to the questions asked and drops the rest", () => {
    expect(
      checkIntakeAnswers({ questions, answers: { focus: "  Starting tasks  ", format: "Phone call", extra: " ", stray: "ignored" } }),
    ).toEqual({ answers: { focus: "Starting tasks", format: "Phone call" }, fields: {} });
  });

  it("names every question that needs another look", () => {
    expect(checkIntakeAnswers({ questions, answers: { format: "Carrier pigeon", extra: "x".repeat(2_001) } }).fields).toEqual({
      "answers.focus": "Please answer this question.",
      "answers.format": "Please choose one of the options.",
      "answers.extra": "Please keep this under 2,000 characters (it's 2,001 now).",
    });
    expect(checkIntakeAnswers({ questions, answers: undefined }).fields).toEqual({
      "answers.focus": "Please answer this question.",
      "answers.format": "Please choose one of the options.",
    });
  });

  it("refuses malformed stored questions loudly (a bug, not visitor input)", () => {
    expect(() => checkIntakeAnswers({ questions: [{ id: "x", type: "slider" }], answers: {} })).toThrow();
  });
});

describe("reminderJobs", () => {
  it("waits until start minus each offset, once per offset, and skips offsets already past", () => {
    const jobs = reminderJobs({ bookingId: "b1", startsAt: start, offsetsMinutes: [1440, 60, 60, 2880], now: new Date("2026-03-02T09:00:00Z") });
    expect(jobs).toEqual([
      {
        name: "booking.reminder",
        data: { bookingId: "b1", offsetMinutes: 1440, startsAt: "2026-03-03T14:00:00.000Z" },
        startAfter: new Date("2026-03-02T14:00:00Z"),
        singletonKey: "b1:1440:2026-03-03T14:00:00.000Z",
      },
      {
        name: "booking.reminder",
        data: { bookingId: "b1", offsetMinutes: 60, startsAt: "2026-03-03T14:00:00.000Z" },
        startAfter: new Date("2026-03-03T13:00:00Z"),
        singletonKey: "b1:60:2026-03-03T14:00:00.000Z",
      },
    ]);
  });
});
