import { emailAddress } from "../auth/email-address";
import { issueSignInLink } from "../auth/issue-sign-in-link";
import { config } from "../config";
import type { Tx } from "../db/client";

export const LIBRARY_PATH = "/account/library";
export const LIBRARY_LINK_DAYS = 7;

export type LibraryLinks = { signInUrl?: string; libraryUrl: string };

/**
 * For the receipt of an order with products: a sign-in link that opens /account/library (single
 * use like every sign-in link, but valid for 7 days, since a receipt is often read later), and the
 * plain library address for any time after. The receipt never links to a file itself. An address
 * that sign-in would not accept gets the plain address only: it must never fail the payment.
 */
export async function librarySignInLinks(options: { tx: Tx; email: string; now: Date }): Promise<LibraryLinks> {
  const libraryUrl = `${config().APP_URL}${LIBRARY_PATH}`;
  if (!emailAddress.safeParse(options.email).success) return { libraryUrl };
  const link = await issueSignInLink({
    db: options.tx,
    email: options.email,
    callbackUrl: LIBRARY_PATH,
    now: options.now,
    ttlMinutes: LIBRARY_LINK_DAYS * 24 * 60,
  });
  return { signInUrl: link.url, libraryUrl };
}
