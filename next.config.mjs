import { securityHeaders } from "./lib/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Partial prerendering stays off: protected pages need real 307 redirects and 403 statuses.
  // See docs/decisions/004-rendering-and-auth-redirects.md.
  cacheComponents: false,
  experimental: {
    authInterrupts: true,
    // Product files reach the back office through server actions, which buffer the form: allow
    // UPLOAD_MAX_MB (default 50) plus room for the other fields. storeUpload enforces the real limit.
    serverActions: { bodySizeLimit: `${Number(process.env.UPLOAD_MAX_MB || 50) + 1}mb` },
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
