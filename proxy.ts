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
      // Pages only, and only requests without a body: Next buffers the body of every request the
      // proxy sees and passes just its first 10 MB on (experimental.proxyClientMaxBodySize), which
      // would cut off the coach's uploads (/api/admin/products/…). A browser learns HSTS from any
      // one response, so page loads are enough.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [{ type: "header", key: "content-type" }],
    },
  ],
};
