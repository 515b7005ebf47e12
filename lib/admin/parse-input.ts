import type { z } from "zod";
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
