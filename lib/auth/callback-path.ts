// Where to land after signing in. Only a path on this site is accepted; anything else (another
// origin, a protocol-relative "//host", backslash tricks, control characters) silently becomes the
// account page, so a crafted link can never send someone elsewhere after signing in.

export const DEFAULT_CALLBACK_PATH = "/account";

const PLACEHOLDER_ORIGIN = "http://callback.invalid";

export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2048) return DEFAULT_CALLBACK_PATH;
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(value)) return DEFAULT_CALLBACK_PATH;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return DEFAULT_CALLBACK_PATH;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return DEFAULT_CALLBACK_PATH;
  // Landing on the sign-in page again or on a JSON endpoint would only confuse.
  if (/^\/(signin|api)(\/|$)/.test(url.pathname)) return DEFAULT_CALLBACK_PATH;
  return `${url.pathname}${url.search}${url.hash}`;
}
