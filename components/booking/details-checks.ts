// The details step's checks and field naming, pure so they are unit tested. Field keys are the
// booking API's own: "name", "email", "answers.<question id>".

import type { IntakeQuestion } from "@/lib/catalogue/intake-questions";

export type Details = { name: string; email: string; answers: Record<string, string> };

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks the browser can make before sending; the API checks everything again. */
export function checkDetails(details: Details, questions: IntakeQuestion[], coachName: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!details.name.trim()) errors.name = `Please add your name, so ${coachName} knows who she's meeting.`;
  if (!details.email.trim()) errors.email = "Please add your email address. Your confirmation and calendar invite go there.";
  else if (!EMAIL_SHAPE.test(details.email.trim())) errors.email = "This email address looks incomplete. It should look like name@example.com.";
  for (const question of questions) {
    if (question.required && !details.answers[question.id]?.trim()) {
      errors[`answers.${question.id}`] = question.type === "choice" ? "Please choose one option." : "Please write a few words here.";
    }
  }
  return errors;
}

/** The order fields appear in, so focus goes to the first one that needs another look. */
export function fieldOrder(questions: IntakeQuestion[]): string[] {
  return ["name", "email", ...questions.map((question) => `answers.${question.id}`)];
}

export const fieldId = (key: string) => `booking-${key.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

