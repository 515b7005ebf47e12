import { afterEach, describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy, securityHeaders, strictTransportSecurity } from "@/lib/http/security-headers.mjs";

/** "name a b; other c" → { name: ["a", "b"], other: ["c"] } */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

/** The headers next.config would send for `path`: every matching entry in order, later ones winning. */
function headersFor(path: string, dev = false): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const route of securityHeaders({ dev })) {
    const prefix = route.source.replace("/:path*", "");
    if (!(prefix === "" || path === prefix || path.startsWith(`${prefix}/`))) continue;
    for (const { key, value } of route.headers) sent[key] = value;
  }
  return sent;
}

describe("contentSecurityPolicy", () => {
  it("allows this site only, with the inline scripts and styles the App Router and FullCalendar need", () => {
    expect(directives(contentSecurityPolicy({ dev: false }))).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", "'unsafe-inline'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "frame-ancestors": ["'none'"],
      "form-action": ["'self'", "https://checkout.stripe.com"],
    });
  });

  it("adds eval and the hot reloader's WebSocket in development only", () => {
    const dev = directives(contentSecurityPolicy({ dev: true }));
    expect(dev["script-src"]).toEqual(["'self'", "'unsafe-inline'", "'unsafe-eval'"]);
    expect(dev["connect-src"]).toEqual(["'self'", "ws:"]);
    expect(contentSecurityPolicy({ dev: false })).not.toMatch(/unsafe-eval|ws:/);
  });
});

describe("securityHeaders", () => {
  it("sends the CSP and the hardening headers on every route", () => {
    for (const path of ["/", "/shop/the-journal", "/admin/availability", "/api/availability"]) {
      expect(headersFor(path)).toEqual({
        "Content-Security-Policy": contentSecurityPolicy({ dev: false }),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
        "Cross-Origin-Opener-Policy": "same-origin",
      });
    }
  });

  it("sends no Referer at all from addresses that carry a secret", () => {
    for (const path of [
      "/manage/8f2c0c6e",
      "/checkout/test/test_cs_0123",
      "/checkout/complete",
      "/checkout/cancelled",
      "/api/downloads/eyJhbGciOi.sig",
      "/api/auth/callback/email",
    ]) {
      expect(headersFor(path)["Referrer-Policy"], path).toBe("same-origin");
    }
    for (const path of ["/", "/signin", "/cart", "/account/library", "/api/auth/session"]) {
      expect(headersFor(path)["Referrer-Policy"], path).toBe("strict-origin-when-cross-origin");
    }
  });

  it("uses the development policy when asked", () => {
    expect(headersFor("/", true)["Content-Security-Policy"]).toBe(contentSecurityPolicy({ dev: true }));
  });
});

describe("strictTransportSecurity", () => {
  it("is a year or more, for this host only, for an https site", () => {
    const value = strictTransportSecurity("https://coaching.example.com");
    expect(value).toMatch(/^max-age=(\d+)$/);
    expect(Number(value!.match(/max-age=(\d+)/)![1])).toBeGreaterThanOrEqual(365 * 24 * 60 * 60);
  });

  it("is never sent for plain http (the local demo)", () => {
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    expect(strictTransportSecurity("http://coaching.example.com")).toBeNull();
  });
});

describe("proxy.ts", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  async function proxyWith(appUrl: string) {
    vi.resetModules();
    vi.stubEnv("APP_URL", appUrl);
    return (await import("@/proxy")).proxy();
  }

  it("adds Strict-Transport-Security from APP_URL at run time when the site is https", async () => {
    const response = await proxyWith("https://coaching.example.com");
    expect(response.headers.get("Strict-Transport-Security")).toBe(strictTransportSecurity("https://coaching.example.com"));
  });

  it("adds nothing on http", async () => {
    const response = await proxyWith("http://localhost:3000");
    expect(response.headers.get("Strict-Transport-Security")).toBeNull();
  });

  it("sees only pages, never a request with a body (it would cut uploads off at 10 MB), an API route or a static file", async () => {
    const { config } = await import("@/proxy");
    const [matcher] = config.matcher;
    // Each header that announces a body keeps the request away from the proxy.
    expect(matcher.missing.map((condition) => condition.key).sort()).toEqual(["content-length", "content-type", "transfer-encoding"]);
    const pattern = new RegExp(`^${matcher.source}$`);
    expect(pattern.test("/manage/abc")).toBe(true);
    expect(pattern.test("/")).toBe(true);
    expect(pattern.test("/api/admin/products/p1/files")).toBe(false);
    expect(pattern.test("/_next/static/chunks/app.js")).toBe(false);
  });
});
