import { createHash, randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/client";
import { authBaseUrl, authSecret } from "./auth-environment";
import { safeCallbackPath } from "./callback-path";
import { parseEmailAddress } from "./email-address";

// We issue sign-in tokens ourselves (rate limit, outbox email in the same transaction); next-auth's
// unmodified /api/auth/callback/email verifies them. That works because we store exactly what its
// email sign-in stores: a VerificationToken row whose token is sha256(token + secret) in hex
// (next-auth/core/lib/utils.js hashToken), and build the same link (core/lib/email/signin.js).
// The callback deletes the row on use (adapter.useVerificationToken), so a link works once.

export const SIGN_IN_LINK_MINUTES = 10;
/** The longest a link may be issued for: the receipt of a purchase (see lib/shop/library-sign-in-link.ts). */
export const MAX_SIGN_IN_LINK_MINUTES = 7 * 24 * 60;

export function hashSignInToken(token: string, secret: string): string {
  return createHash("sha256").update(`${token}${secret}`).digest("hex");
}

export type IssuedSignInLink = { email: string; url: string; expires: Date };

/** Creates a one-time sign-in link without any rate limit: for requestSignInLink and the coach's CLI. */
export async function issueSignInLink(options: {
  db: DbOrTx;
  email: string;
  callbackUrl?: string;
  now?: Date;
  secret?: string;
  /**
   * Validity, SIGN_IN_LINK_MINUTES unless a caller has a reason for longer (at most
   * MAX_SIGN_IN_LINK_MINUTES). Only this row's expiry changes: next-auth checks each row's own
   * expiry and deletes it on use, so every link stays single-use and the default stays short.
   */
  ttlMinutes?: number;
}): Promise<IssuedSignInLink> {
  const email = parseEmailAddress(options.email);
  const now = options.now ?? new Date();
  const token = randomBytes(32).toString("hex");
  const minutes = options.ttlMinutes ?? SIGN_IN_LINK_MINUTES;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SIGN_IN_LINK_MINUTES) {
    throw new RangeError(`ttlMinutes must be a whole number from 1 to ${MAX_SIGN_IN_LINK_MINUTES}`);
  }
  const expires = new Date(now.getTime() + minutes * 60_000);
  await options.db.verificationToken.create({
    data: { identifier: email, token: hashSignInToken(token, options.secret ?? authSecret()), expires },
  });
  const query = new URLSearchParams({ callbackUrl: safeCallbackPath(options.callbackUrl), token, email });
  return { email, url: `${authBaseUrl()}/callback/email?${query}`, expires };
}
