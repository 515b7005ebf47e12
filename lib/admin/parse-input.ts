import { z } from "zod";
import { InvalidInputError, type FieldErrors } from "../errors";

/**
 * Validates a domain function's input with zod: the parsed value, or an InvalidInputError whose
 * fields name each problem by its path ("intervals.1.endMinute"). Plain TypeScript, no Next imports,
 * so domain code can use it (lib/http's helpers build responses and belong to the web layer).
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, message = "Some details need another look."): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_";
    fields[key] ??= issue.message;
  }
  throw new InvalidInputError(message, fields);
}

/** False for text PostgreSQL refuses to store or compare: it has no NUL character (U+0000) in text. */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000");
}

/**
 * A string that can reach the database: one with a NUL in it (pasted, or typed into a URL as %00)
 * is refused here with its field named, instead of failing the query.
 */
export const storableText = z.string().refine(isStorableText, "This contains a hidden control character. Please type it again.");

/** A row's id as a URL or a form names it. */
export const idInput = storableText.trim().min(1, "Missing id.").max(100);
