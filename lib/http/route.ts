import type { NextRequest } from "next/server";
import { z } from "zod";
import { AuthRequiredError, InvalidInputError } from "../errors";
import { getCurrentUser, type CurrentUser } from "../auth/current-user";
import { errorResponse, invalidInput } from "./error-response";
import { clientIp } from "./client-ip";

/** "none": no session read; "optional": user or null; "required": 401 when signed out. */
type Auth = "none" | "optional" | "required";

type RouteContext<Body, Query, A extends Auth> = {
  request: NextRequest;
  body: Body;
  query: Query;
  params: Record<string, string>;
  ip: string;
  user: A extends "required" ? CurrentUser : CurrentUser | null;
};

/**
 * The one wrapper for JSON route handlers: parse (zod) → authenticate → call the domain → map errors.
 * Authorization beyond "signed in" belongs to the domain function, which receives the user.
 */
export function route<BodySchema extends z.ZodType = z.ZodUndefined, QuerySchema extends z.ZodType = z.ZodUndefined, A extends Auth = "none">(
  options: { body?: BodySchema; query?: QuerySchema; auth?: A },
  handler: (context: RouteContext<z.output<BodySchema>, z.output<QuerySchema>, A>) => Promise<Response>,
) {
  return async (request: NextRequest, context: { params?: Promise<Record<string, string>> }) => {
    try {
      let body: unknown = undefined;
      if (options.body) {
        const raw = await request.text();
        let json: unknown;
        try {
          json = raw ? JSON.parse(raw) : undefined;
        } catch {
          throw new InvalidInputError("The request body is not valid JSON.");
        }
        const parsed = options.body.safeParse(json);
        if (!parsed.success) throw invalidInput(parsed.error);
        body = parsed.data;
      }
      let query: unknown = undefined;
      if (options.query) {
        const parsed = options.query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
        if (!parsed.success) throw invalidInput(parsed.error, "Some query parameters need another look.");
        query = parsed.data;
      }
      const user = options.auth && options.auth !== "none" ? await getCurrentUser() : null;
      if (options.auth === "required" && !user) throw new AuthRequiredError();
      return await handler({
        request,
        body: body as z.output<BodySchema>,
        query: query as z.output<QuerySchema>,
        params: (await context.params) ?? {},
        ip: clientIp(request.headers),
        user: user as RouteContext<z.output<BodySchema>, z.output<QuerySchema>, A>["user"],
      });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
