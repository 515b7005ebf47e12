import { config } from "../config";
import { AppError } from "../errors";

/** A state-changing request that a page of another site (or no page at all) sent with our cookies. */
export class CrossOriginError extends AppError {
  constructor() {
    super("cross_origin", "This request didn't come from this site's own pages, so nothing was changed. Please use the form in the back office.", 403);
  }
}

/**
 * Refuses a request unless this site's own pages sent it. Server actions get this check from Next;
 * a route handler that trusts the session cookie must make it itself, or any site the coach visits
 * could send requests in her name. The browser's Sec-Fetch-Site, when present, is decisive; else the
 * Origin must be APP_URL's or the Host's. Neither header: not a browser page of ours, refused.
 */
export function assertSameOrigin(request: Request, appUrl = config().APP_URL): void {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) {
    if (site === "same-origin") return;
    throw new CrossOriginError();
  }
  const origin = request.headers.get("origin");
  if (!origin || !URL.canParse(origin)) throw new CrossOriginError();
  const from = new URL(origin);
  if (from.origin === new URL(appUrl).origin) return;
  if (from.host === request.headers.get("host")) return;
  throw new CrossOriginError();
}
