import { z } from "zod";
import type { ActionState } from "./action-state";
import { fieldErrors, knownError } from "./error-response";

export type { ActionState } from "./action-state";

/**
 * The one wrapper for server actions used with useActionState: parse FormData with zod, call the
 * domain, and turn typed errors into a state the form can show. Never throws for bad input.
 */
export function formAction<Schema extends z.ZodType, Result>(
  schema: Schema,
  handler: (input: z.output<Schema>) => Promise<Result>,
) {
  return async (_previous: ActionState<Result>, formData: FormData): Promise<ActionState<Result>> => {
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return { status: "error", code: "invalid_input", message: "Some details need another look.", fields: fieldErrors(parsed.error) };
    }
    try {
      return { status: "success", result: await handler(parsed.data) };
    } catch (error) {
      const known = knownError(error);
      if (known) {
        const { fields } = known.details as { fields?: Record<string, string> };
        return {
          status: "error",
          code: known.code,
          message: known.message,
          ...(fields ? { fields } : {}),
          ...("retryAfterSeconds" in known ? { retryAfterSeconds: Number(known.retryAfterSeconds) } : {}),
        };
      }
      // Framework control flow (redirect, notFound) must pass through untouched.
      throw error;
    }
  };
}
