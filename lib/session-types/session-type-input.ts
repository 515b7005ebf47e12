import { z } from "zod";
import { CURRENCIES, MAX_CHOICE_OPTIONS, MAX_INTAKE_QUESTIONS, SLUG_PATTERN } from "./limits";
import type { IntakeQuestion } from "../catalogue/intake-questions";

// What the coach can set on a session type, validated the same way whether it comes from the admin
// form or a test. The stored intake-question shape (IntakeQuestion, lib/catalogue) is the
// contract the booking pages and lib/booking read (lib/booking/check-intake-answers.ts).

export { CURRENCIES, MAX_CHOICE_OPTIONS, MAX_INTAKE_QUESTIONS, SLUG_PATTERN };

const QUESTION_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

const questionBase = {
  /** Stable key of the answers; generated from the label for a new question. */
  id: z.string().regex(QUESTION_ID, "Use lowercase letters, digits and hyphens.").optional(),
  label: z.string().trim().min(1, "Write the question.").max(300, "Keep the question under 300 characters."),
  required: z.boolean(),
};

export const intakeQuestionInput = z.discriminatedUnion("type", [
  z.object({ ...questionBase, type: z.literal("text") }),
  z.object({
    ...questionBase,
    type: z.literal("choice"),
    options: z
      .array(z.string().trim().min(1, "An option cannot be empty.").max(120, "Keep each option under 120 characters."))
      .min(2, "Give at least two options to choose from.")
      .max(MAX_CHOICE_OPTIONS, `At most ${MAX_CHOICE_OPTIONS} options.`)
      .refine((options) => new Set(options).size === options.length, "Each option must be different."),
  }),
]);

export type IntakeQuestionInput = z.input<typeof intakeQuestionInput>;

const minutes = (label: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${label} in minutes.` })
    .int(`Enter ${label} in whole minutes.`)
    .min(min, `${capitalise(label)} must be at least ${min} minutes.`)
    .max(max, `${capitalise(label)} must be at most ${max} minutes.`);

export const sessionTypeInput = z.object({
  title: z.string().trim().min(1, "Give the session a title.").max(120, "Keep the title under 120 characters."),
  slug: z
    .string()
    .trim()
    .min(2, "The web address needs at least 2 characters.")
    .max(60, "Keep the web address under 60 characters.")
    .regex(SLUG_PATTERN, "Use lowercase letters, digits and single hyphens, for example strategy-session."),
  description: z.string().trim().max(5_000, "Keep the description under 5,000 characters."),
  durationMinutes: minutes("the length", 5, 480),
  bufferBeforeMinutes: minutes("the break before", 0, 240),
  bufferAfterMinutes: minutes("the break after", 0, 240),
  minimumNoticeMinutes: minutes("the notice", 0, 60 * 24 * 90),
  horizonDays: z.number({ error: "Enter a number of days." }).int("Enter whole days.").min(1, "Allow booking at least 1 day ahead.").max(730, "At most 730 days ahead."),
  /** null: a start every durationMinutes. */
  slotIntervalMinutes: minutes("the start-time step", 5, 480).nullable(),
  /** null: no daily limit. */
  maxPerDay: z.number({ error: "Enter a number." }).int("Enter a whole number.").min(1, "Leave this empty for no limit, or allow at least 1.").max(50, "At most 50 a day.").nullable(),
  /** In minor units (pence): 9500 = £95.00. 0 = free. */
  priceCents: z.number({ error: "Enter a price." }).int("Enter the price in whole pence.").min(0, "The price cannot be negative.").max(10_000_000, "That price is too high."),
  currency: z.enum(CURRENCIES, { error: "Choose a currency." }),
  intakeQuestions: z.array(intakeQuestionInput).max(MAX_INTAKE_QUESTIONS, `At most ${MAX_INTAKE_QUESTIONS} questions.`),
  active: z.boolean(),
});

export type SessionTypeInput = z.input<typeof sessionTypeInput>;

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Questions ready to store: each keeps its id, and a new one gets one made from its label
 * ("What would you like to focus on?" → "what-would-you-like-to-focus-on"), unique in the list.
 */
export function assignQuestionIds(questions: z.output<typeof intakeQuestionInput>[]): IntakeQuestion[] {
  const taken = new Set(questions.map((q) => q.id).filter((id): id is string => Boolean(id)));
  const seen = new Set<string>();
  return questions.map((question) => {
    let id = question.id && !seen.has(question.id) ? question.id : undefined;
    if (!id) {
      const base =
        question.label
          .toLowerCase()
          .normalize("NFKD")
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-+|-+$/g, "")
          .slice(0, 32)
          .replace(/-+$/, "") || "question";
      id = base;
      for (let n = 2; taken.has(id) || seen.has(id); n++) id = `${base}-${n}`;
    }
    seen.add(id);
    taken.add(id);
    return question.type === "choice"
      ? { id, label: question.label, type: "choice", required: question.required, options: question.options }
      : { id, label: question.label, type: "text", required: question.required };
  });
}

/** "95.00", "95", "1,250.5" → minor units; undefined when not a price. */
export function parsePrice(value: string): number | undefined {
  const cleaned = value.trim().replace(/^[£$€]/, "").replace(/,/g, "");
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** 9500 → "95.00" (the form's value). */
export function formatPriceInput(priceCents: number): string {
  return `${Math.floor(priceCents / 100)}.${String(priceCents % 100).padStart(2, "0")}`;
}
