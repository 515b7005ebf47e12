import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { NextRequest } from "next/server";

// Outside a Next server there is no request for next/headers to read. Tests that call route handlers
// or server code which reads headers/cookies replace next/headers with `nextHeaders` and run the call
// inside `withRequest`. Everything else (next-auth, the database, the route) is real.
//
//   vi.mock("next/headers", async () => (await import("../helpers/request-scope")).nextHeaders);
//   beforeAll(() => { restore = patchNextHeadersForRequire(); });  afterAll(() => restore());

const scope = new AsyncLocalStorage<NextRequest>();

function current(): NextRequest {
  const request = scope.getStore();
  if (!request) throw new Error("next/headers was read outside withRequest()");
  return request;
}

export const nextHeaders = {
  headers: async () => current().headers,
  cookies: async () => current().cookies,
};

/**
 * next-auth reads next/headers with require(), which vi.mock does not reach: patch the CommonJS
 * module object that every require() shares. Returns a function that puts the originals back.
 */
export function patchNextHeadersForRequire(): () => void {
  const cjs = createRequire(import.meta.url)("next/headers") as Record<string, unknown>;
  const originals = { headers: cjs.headers, cookies: cjs.cookies };
  Object.assign(cjs, nextHeaders);
  return () => Object.assign(cjs, originals);
}

export function withRequest<T>(request: NextRequest, run: () => Promise<T>): Promise<T> {
  return scope.run(request, run);
}

/** The cookies a response sets, merged into a Cookie request header for the next request. */
export function cookieHeader(response: Response, previous = ""): string {
  const jar = new Map<string, string>();
  const add = (pair: string) => {
    const index = pair.indexOf("=");
    if (index > 0) jar.set(pair.slice(0, index).trim(), pair.slice(index + 1));
  };
  previous.split(";").forEach(add);
  for (const line of response.headers.getSetCookie()) add(line.split(";")[0]);
  return [...jar]
    .filter(([, value]) => value !== "")
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
}

export function jsonRequest(url: string, body: unknown, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });
}
