import { config, ConfigError } from "../config";

// The two settings that next-auth and our own link issuing must agree on. Both are read lazily, on
// first use, so importing auth code never needs a configured environment (builds, tests).

/** Development and tests only: `npm start` always provides AUTH_SECRET, production requires it. */
const DEVELOPMENT_SECRET = "development-only-auth-secret-set-AUTH_SECRET-in-production";

export function authSecret(): string {
  const { AUTH_SECRET, NODE_ENV } = config();
  if (AUTH_SECRET) return AUTH_SECRET;
  if (NODE_ENV === "production") throw new ConfigError("AUTH_SECRET", "is required in production");
  return DEVELOPMENT_SECRET;
}

/** next-auth reads NEXTAUTH_URL itself; it defaults to APP_URL so emailed links and redirects share one origin. */
export function ensureNextAuthUrl(): string {
  process.env.NEXTAUTH_URL ??= config().APP_URL;
  return process.env.NEXTAUTH_URL;
}

/** next-auth's base URL (`…/api/auth`), derived from NEXTAUTH_URL exactly as next-auth parses it. */
export function authBaseUrl(): string {
  const url = new URL(ensureNextAuthUrl());
  const path = url.pathname === "/" ? "/api/auth" : url.pathname.replace(/\/$/, "");
  return `${url.origin}${path}`;
}
