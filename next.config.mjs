import { securityHeaders } from "./lib/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Partial prerendering stays off: protected pages need real 307 redirects and 403 statuses.
  // See docs/decisions/004-rendering-and-auth-redirects.md.
  cacheComponents: false,
  // Server actions keep Next's 1 MB body limit: files go to streaming route handlers instead
  // (docs/decisions/011-streaming-uploads-and-body-caps.md), because Next holds an action's whole
  // body in memory before the action can check who sent it.
  experimental: {
    authInterrupts: true,
  },
  poweredByHeader: false,
  // The embedded database, the schema engine and pg-boss are Node-only and must not be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg-boss", "pg", "@prisma/adapter-pg", "nodemailer"],
  // CSP, no Referer from secret addresses and the other hardening headers: see lib/http/security-headers.mjs.
  // These are fixed at build time; Strict-Transport-Security depends on APP_URL and comes from proxy.ts.
  async headers() {
    return securityHeaders({ dev: process.env.NODE_ENV === "development" });
  },
};

export default nextConfig;
