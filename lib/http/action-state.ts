// What a server action built with formAction returns. Kept free of imports so client components can
// use it without pulling server code (next/server, zod) into the browser bundle.

export type ActionState<Result = undefined> =
  | { status: "idle" }
  | { status: "success"; result: Result }
  | { status: "error"; code: string; message: string; fields?: Record<string, string>; retryAfterSeconds?: number };

export const idle = { status: "idle" } as const;
