import { NextResponse } from "next/server";
import { z } from "zod";
import { databaseInputError } from "../db/database-input-error";
import { AppError, InvalidInputError, RateLimitedError, type FieldErrors } from "../errors";

export type ErrorBody = { error: { code: string; message: string; fields?: FieldErrors; [extra: string]: unknown } };

export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function invalidInput(error: z.ZodError, message = "Some details need another look.") {
  return new InvalidInputError(message, fieldErrors(error));
}

/** The typed error behind `error`: itself, or an InvalidInputError for a value the database refused; null otherwise. */
export function knownError(error: unknown): AppError | null {
  return error instanceof AppError ? error : databaseInputError(error);
}

/** The error shape from DESIGN.md. Unknown errors are logged for the operator and never shown. */
export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  const known = knownError(error);
  if (known) {
    const headers: Record<string, string> = {};
    if (known instanceof RateLimitedError) headers["Retry-After"] = String(known.retryAfterSeconds);
    const { fields, ...extra } = known.details as { fields?: FieldErrors };
    const body: ErrorBody = {
      error: { code: known.code, message: known.message, ...(fields && Object.keys(fields).length ? { fields } : {}), ...extra },
    };
    return NextResponse.json(body, { status: known.status, headers });
  }
  console.error(error);
  return NextResponse.json(
    { error: { code: "internal_error", message: "Something went wrong on our side. Nothing was changed; please try again in a moment." } },
    { status: 500 },
  );
}
