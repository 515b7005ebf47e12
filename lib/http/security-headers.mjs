// The hardening headers every response carries, in one place. Plain JavaScript because
// next.config.mjs (loaded by Node itself, not compiled) imports it; its types are in
// security-headers.d.mts. next.config.mjs's headers are baked into the build, so anything that
// depends on the running server's configuration (Strict-Transport-Security, on APP_URL) is added at
// run time by proxy.ts instead. See docs/decisions/012-security-headers.md.

/**
 * Stripe Checkout's hosted page. A checkout form posted without JavaScript is answered with a 303
 * to it, and Chromium checks that redirect against form-action.
 */
const STRIPE_CHECKOUT = "https://checkout.stripe.com";

/**
 * Paths whose address carries a secret: a booking's manage token, a checkout id or a signed cancel
 * link, a download token, a sign-in token. Their responses send a Referer to this site only, so a
 * link or an image on them can never pass the token to another site.
 */
export const SECRET_URL_PATHS = ["/manage/:path*", "/checkout/:path*", "/api/downloads/:path*", "/api/auth/callback/:path*"];

/** Two years, the usual advice (and what HSTS preload lists ask for). */
const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

/**
 * The Content-Security-Policy, without nonces so that pages stay static. Next's App Router streams
 * its data as inline scripts, hence 'unsafe-inline' for scripts; React's inline style attributes and
 * FullCalendar's injected <style> need it for styles. In development React needs eval (server error
 * stacks) and the hot reloader a WebSocket.
 * @param {{ dev: boolean }} options
 * @returns {string}
 */
export function contentSecurityPolicy({ dev }) {
  const directives = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    // Product pictures come from /api/product-images; nothing uses data: or blob: images.
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(dev ? ["ws:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'", STRIPE_CHECKOUT],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/**
 * next.config's `headers()`: the same hardening on every route, and no Referer to other sites from
 * the paths whose address is a secret (later entries win for the same header).
 * @param {{ dev: boolean }} options
 * @returns {{ source: string, headers: { key: string, value: string }[] }[]}
 */
export function securityHeaders({ dev }) {
  return [
    {
      source: "/:path*",
      headers: [
        { key: "Content-Security-Policy", value: contentSecurityPolicy({ dev }) },
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        // frame-ancestors says the same to current browsers; this is for older ones.
        { key: "X-Frame-Options", value: "DENY" },
        { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
        { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
      ],
    },
    // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with a plain
    // form post (JavaScript off, or a click before the page has hydrated), and Next refuses a server
    // action from an origin it can't match, so the manage page's cancel button would fail. This
    // site already knows the secret; no other site ever receives it.
    ...SECRET_URL_PATHS.map((source) => ({ source, headers: [{ key: "Referrer-Policy", value: "same-origin" }] })),
  ];
}

/**
 * The Strict-Transport-Security value for a site served at `appUrl`, or null when it is plain HTTP
 * (http://localhost): a browser that once saw HSTS for a host refuses plain HTTP to it for years.
 * This host only, without includeSubDomains: a coach whose APP_URL is her bare domain may still
 * serve something over plain HTTP on a subdomain, which would be locked out for as long. Her proxy
 * can send a wider policy when she knows every subdomain has HTTPS.
 * @param {string} appUrl
 * @returns {string | null}
 */
export function strictTransportSecurity(appUrl) {
  return new URL(appUrl).protocol === "https:" ? `max-age=${HSTS_MAX_AGE_SECONDS}` : null;
}
