import { z } from "zod";
import type { FieldErrors } from "../errors";

/** A session type's intake questions as stored in SessionType.intakeQuestions. */
export const intakeQuestionsSchema = z.array(
  z.object({
    id: z.string().min(1),
    label: z.string().min(1),
    type: z.enum(["text", "choice"]),
    required: z.boolean(),
    options: z.array(z.string()).optional(),
  }),
);

export const MAX_ANSWER_LENGTH = 2_000;

/**
 * The client's answers checked against the questions: trimmed, empty ones dropped, answers to
 * questions the type does not ask ignored. Problems come back as `answers.<id>` field errors so the
 * form can show each next to its question.
 */
export function checkIntakeAnswers(options: { questions: unknown; answers: Record<string, string> | undefined }): {
  answers: Record<string, string>;
  fields: FieldErrors;
} {
  // Stored data, not visitor input: a malformed list is a bug to see, not a 400 to show.
  const questions = intakeQuestionsSchema.parse(options.questions);
  const answers: Record<string, string> = {};
  const fields: FieldErrors = {};
  for (const question of questions) {
    const raw = options.answers?.[question.id];
    const value = typeof raw === "string" ? raw.trim() : "";
    const field = `answers.${question.id}`;
    if (!value) {
      if (question.required) fields[field] = question.type === "choice" ? "Please choose one of the options." : "Please answer this question.";
    } else if (question.type === "choice" && !question.options?.includes(value)) {
      fields[field] = "Please choose one of the options.";
    } else if (value.length > MAX_ANSWER_LENGTH) {
      fields[field] = `Please keep this under ${MAX_ANSWER_LENGTH.toLocaleString("en-GB")} characters (it's ${value.length.toLocaleString("en-GB")} now).`;
    } else {
      answers[question.id] = value;
    }
  }
  return { answers, fields };
}
