import { isIP } from "node:net";

/**
 * The address per-IP rate limits count. Next exposes no socket address to route handlers; it sets
 * X-Forwarded-For to the socket's only when the header is missing. A proxy in front appends the
 * address it saw (nginx's `$proxy_add_x_forwarded_for`) or overwrites the header, so the
 * right-most entry is the one no client can choose; the left-most is whatever the client sent.
 * Anything that is not an IP address counts as one shared "unknown" client.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  const candidate = forwarded || headers.get("x-real-ip")?.trim();
  return candidate && isIP(candidate) ? candidate : "unknown";
}
