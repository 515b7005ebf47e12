import { AppError, RateLimitedError } from "../errors";
import { errorResponse } from "../http/error-response";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A download link is opened by a browser: an error is a short, calm page with a way back to the
 * library (JSON, the usual error shape, for anything that does not ask for HTML).
 */
export function downloadErrorResponse(error: unknown, accept: string | null): Response {
  if (!(error instanceof AppError) || !accept?.includes("text/html")) return errorResponse(error);
  const headers: Record<string, string> = {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  };
  if (error instanceof RateLimitedError) headers["Retry-After"] = String(error.retryAfterSeconds);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Download</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;line-height:1.6;color:#1f2a2e}a{color:#2f5d62}</style></head>
<body><h1>About this download</h1><p>${escapeHtml(error.message)}</p><p><a href="/account/library">Go to your library</a></p></body></html>`;
  return new Response(html, { status: error.status, headers });
}
