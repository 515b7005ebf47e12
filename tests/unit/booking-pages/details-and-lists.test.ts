import { describe, expect, it } from "vitest";
import { checkDetails, fieldId, fieldOrder } from "@/components/booking/details-checks";
import { splitBookings, type ClientBooking } from "@/components/booking/split-bookings";
import { parseIntakeQuestions, type IntakeQuestion } from "@/lib/catalogue/intake-questions";

const questions: IntakeQuestion[] = [
  { id: "focus", label: "What would you like us to focus on?", type: "text", required: true },
  { id: "format", label: "How do you prefer to meet?", type: "choice", required: true, options: ["Video call", "Phone call"] },
  { id: "notes", label: "Anything else?", type: "text", required: false },
];

describe("checkDetails", () => {
  it("accepts complete details", () => {
    const details = { name: "River", email: "river@example.com", answers: { focus: "Starting things", format: "Video call" } };
    expect(checkDetails(details, questions, "Maya")).toEqual({});
  });

  it("names each missing field with the API's keys, kindly", () => {
    const errors = checkDetails({ name: " ", email: "", answers: {} }, questions, "Maya");
    expect(Object.keys(errors)).toEqual(["name", "email", "answers.focus", "answers.format"]);
    expect(errors.name).toContain("Maya");
    expect(errors["answers.format"]).toBe("Please choose one option.");
  });

  it("spots an address that cannot be an email", () => {
    expect(checkDetails({ name: "River", email: "river@", answers: {} }, [], "Maya").email).toMatch(/name@example\.com/);
  });
});

describe("fieldOrder / fieldId", () => {
  it("lists fields in screen order and gives them safe element ids", () => {
    expect(fieldOrder(questions)).toEqual(["name", "email", "answers.focus", "answers.format", "answers.notes"]);
    expect(fieldId("answers.focus")).toBe("booking-answers-focus");
  });
});

describe("parseIntakeQuestions", () => {
  it("reads the seeded questions", () => {
    expect(
      parseIntakeQuestions([
        { id: "focus", label: "Focus?", type: "text", required: true },
        { id: "format", label: "Format?", type: "choice", required: true, options: ["Video call", "Phone call"] },
      ]),
    ).toEqual([
      { id: "focus", label: "Focus?", type: "text", required: true },
      { id: "format", label: "Format?", type: "choice", required: true, options: ["Video call", "Phone call"] },
    ]);
  });

  it("leaves out malformed entries instead of failing the page", () => {
    expect(parseIntakeQuestions(null)).toEqual([]);
    expect(
      parseIntakeQuestions([
        { id: "", label: "No id", type: "text" },
        { id: "a", label: "Unknown type", type: "date" },
        { id: "b", label: "No options", type: "choice", options: [] },
        { id: "c", label: "Fine", type: "text" },
        { id: "c", label: "Duplicate id", type: "text" },
      ]),
    ).toEqual([{ id: "c", label: "Fine", type: "text", required: false }]);
  });
});

describe("splitBookings", () => {
  const now = Date.parse("2026-11-25T12:00:00Z");
  const booking = (id: string, status: string, start: string): ClientBooking => ({
    id,
    status,
    start,
    end: new Date(Date.parse(start) + 20 * 60_000).toISOString(),
    sessionTitle: "Intro",
    clientTimeZone: "America/New_York",
  });

  it("puts active sessions that have not ended first, soonest first; the rest latest first", () => {
    const list = [
      booking("past", "COMPLETED", "2026-11-01T10:00:00Z"),
      booking("later", "CONFIRMED", "2026-12-10T10:00:00Z"),
      booking("soon", "CONFIRMED", "2026-11-30T10:00:00Z"),
      booking("cancelled", "CANCELLED", "2026-12-01T10:00:00Z"),
      booking("running", "CONFIRMED", "2026-11-25T11:50:00Z"),
    ];
    const { upcoming, earlier } = splitBookings(list, now);
    expect(upcoming.map((b) => b.id)).toEqual(["running", "soon", "later"]);
    expect(earlier.map((b) => b.id)).toEqual(["cancelled", "past"]);
  });
});
