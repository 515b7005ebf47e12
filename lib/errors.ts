// Typed domain errors. Domain functions throw these; the one route/action wrapper maps them to the
// JSON error shape `{ error: { code, message, fields? } }` and an HTTP status.

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends AppError {
  // `code` narrows the reason for callers that act on it (e.g. "invalid_signature" for a webhook).
  constructor(message: string, readonly fields: FieldErrors = {}, code = "invalid_input") {
    super(code, message, 400, { fields });
  }
}

export class AuthRequiredError extends AppError {
  constructor(message = "Please sign in to continue.") {
    super("unauthenticated", message, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "This part of the site is only for the coach.") {
    super("forbidden", message, 403);
  }
}

export class NotFoundError extends AppError {
  constructor(message = "We couldn't find that.", code = "not_found") {
    super(code, message, 404);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, 409, details);
  }
}

export class RuleViolationError extends AppError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, 422, details);
  }
}

export class RateLimitedError extends AppError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super("rate_limited", message, 429);
  }
}

export class UnavailableError extends AppError {
  constructor(message: string, code = "unavailable") {
    super(code, message, 503);
  }
}

/** A capability that this installation does not offer yet (e.g. paid checkout before payments exist). */
export class NotAvailableYetError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 501);
  }
}

/**
 * The payment provider refused a request for good (a refund larger than what is left, an unknown
 * payment): retrying the same request won't change the answer. Other provider failures (network,
 * 5xx, rate limits) are thrown as they come and are worth retrying.
 */
export class ProviderRejectedError extends AppError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, 502, details);
  }
}
