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
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      {
        // Manage links carry a secret token: never leak it to another site through Referer.
        source: "/manage/:path*",
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      },
    ];
  },
};

export default nextConfig;
