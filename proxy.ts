import { NextResponse } from "next/server";
import { config as appConfig } from "@/lib/config";
import { strictTransportSecurity } from "@/lib/http/security-headers.mjs";

// Strict-Transport-Security, and only that: it depends on APP_URL, which the running server knows
// but a build may not (next.config.mjs's headers are fixed at build time, and one build can serve
// an http:// demo and an https:// site). See docs/decisions/012-security-headers.md.
export function proxy() {
  const response = NextResponse.next();
  const hsts = strictTransportSecurity(appConfig().APP_URL);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only, and only requests that can't carry a body (no Content-Type, Content-Length or
      // Transfer-Encoding): Next buffers the body of every request the proxy sees, up to 10 MB
      // (experimental.proxyClientMaxBodySize), so any visitor could make the server hold that much,
      // and an upload would be cut off. A browser learns HSTS from any one response, so page loads
      // are enough.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "content-type" },
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
