import type { NextRequest } from "next/server";
import { z } from "zod";
import { AppError, AuthRequiredError, InvalidInputError } from "../errors";
import { getCurrentUser, type CurrentUser } from "../auth/current-user";
import { errorResponse, invalidInput } from "./error-response";
import { clientIp } from "./client-ip";
import { readLimitedBody } from "./read-limited-body";
import { assertSameOrigin } from "./same-origin";

/**
 * The largest JSON body a route reads by default. The largest legitimate one is a booking with 20
 * intake answers of 2,000 characters: about 40 KB in English, up to ~120 KB in a script of 3-byte
 * characters. 256 KB leaves room for that and still caps what any visitor can make the server hold.
 */
export const JSON_BODY_MAX_BYTES = 256 * 1024;

/**
 * A JSON endpoint sent anything but JSON: 415, nothing read. Requiring the JSON media type is what
 * makes a cross-site form or `text/plain` fetch (which a browser sends without asking) unable to
 * reach these endpoints with a visitor's cookies: a cross-site JSON request needs a CORS preflight,
 * which this site never grants.
 */
export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super("unsupported_media_type", "This address accepts JSON only: please send the request with Content-Type: application/json.", 415);
  }
}

const isJson = (contentType: string | null) => /^application\/json\s*(;|$)/i.test(contentType ?? "");

/** "none": no session read; "optional": user or null; "required": 401 when signed out. */
type Auth = "none" | "optional" | "required";

/** A zod schema for a JSON body, or "stream": the handler gets the body unread, to stream it on. */
type BodyOption = z.ZodType | "stream";
type BodyOf<B> = B extends z.ZodType ? z.output<B> : ReadableStream<Uint8Array>;

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
 * A JSON body is read up to `maxBodyBytes` (JSON_BODY_MAX_BYTES); a "stream" body is not read here
 * at all, so the domain can check who is asking before the first byte is pulled. `sameOrigin`
 * refuses requests that this site's own pages did not send (for cookie-authenticated changes).
 */
export function route<B extends BodyOption = z.ZodUndefined, QuerySchema extends z.ZodType = z.ZodUndefined, A extends Auth = "none">(
  options: { body?: B; query?: QuerySchema; auth?: A; sameOrigin?: boolean; maxBodyBytes?: number },
  handler: (context: RouteContext<BodyOf<B>, z.output<QuerySchema>, A>) => Promise<Response>,
) {
  return async (request: NextRequest, context: { params?: Promise<Record<string, string>> }) => {
    try {
      if (options.sameOrigin) assertSameOrigin(request);
      let body: unknown = undefined;
      if (options.body === "stream") {
        body = request.body ?? new Blob([]).stream();
      } else if (options.body) {
        if (!isJson(request.headers.get("content-type"))) throw new UnsupportedMediaTypeError();
        const raw = await readLimitedBody(request, options.maxBodyBytes ?? JSON_BODY_MAX_BYTES);
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
        body: body as BodyOf<B>,
        query: query as z.output<QuerySchema>,
        params: (await context.params) ?? {},
        ip: clientIp(request.headers),
        user: user as RouteContext<BodyOf<B>, z.output<QuerySchema>, A>["user"],
      });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
