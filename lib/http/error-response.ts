import { NextResponse } from "next/server";
import { z } from "zod";
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

/** The error shape from DESIGN.md. Unknown errors are logged for the operator and never shown. */
export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error instanceof RateLimitedError) headers["Retry-After"] = String(error.retryAfterSeconds);
    const { fields, ...extra } = error.details as { fields?: FieldErrors };
    const body: ErrorBody = {
      error: { code: error.code, message: error.message, ...(fields && Object.keys(fields).length ? { fields } : {}), ...extra },
    };
    return NextResponse.json(body, { status: error.status, headers });
  }
  console.error(error);
  return NextResponse.json(
    { error: { code: "internal_error", message: "Something went wrong on our side. Nothing was changed; please try again in a moment." } },
    { status: 500 },
  );
}
