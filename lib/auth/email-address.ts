import { z } from "zod";
import { InvalidInputError } from "../errors";

/** One spelling per address: trimmed and lowercased, so "Sam@Example.com " and "sam@example.com" are one account. */
export const emailAddress = z
  .string({ error: "Please enter your email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Please enter an email address like name@example.com." }).max(254, "That email address is too long."));

export function parseEmailAddress(value: string, field = "email"): string {
  const parsed = emailAddress.safeParse(value);
  if (!parsed.success) throw new InvalidInputError("Some details need another look.", { [field]: parsed.error.issues[0].message });
  return parsed.data;
}
