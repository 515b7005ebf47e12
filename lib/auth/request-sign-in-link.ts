import { z } from "zod";
import type { Db } from "../db/client";
import { deliverSoon } from "../email/deliver-soon";
import { enqueueEmail } from "../email/enqueue-email";
import { signInEmail } from "../email/templates/sign-in";
import { RateLimitedError } from "../errors";
import { consumeRateLimit } from "../rate-limit/consume-rate-limit";
import { parseEmailAddress } from "./email-address";
import { issueSignInLink, SIGN_IN_LINK_MINUTES } from "./issue-sign-in-link";
import { aboutMinutes } from "../rate-limit/about-minutes";

/** What the sign-in form and POST /api/auth/email-link accept; the address itself is checked below. */
export const signInLinkRequest = z.object({
  email: z.string({ error: "Please enter your email address." }),
  callbackUrl: z.string().optional(),
});

const WINDOW_SECONDS = 15 * 60;
export const LINKS_PER_ADDRESS = 5;
export const LINKS_PER_IP = 10;

export function tooManyLinksMessage(retryAfterSeconds: number, limited: "address" | "ip"): string {
  const wait = aboutMinutes(retryAfterSeconds);
  return limited === "address"
    ? `You've asked for several links in a short time. To keep your account safe, please wait ${wait} and try again. Your earlier links still work for ${SIGN_IN_LINK_MINUTES} minutes.`
    : `We've had several sign-in requests from your network in a short time. To keep accounts safe, please wait ${wait} and try again. Links already sent still work for ${SIGN_IN_LINK_MINUTES} minutes.`;
}

/**
 * The public way to get a sign-in link: at most 5 per address and 10 per IP address in 15 minutes.
 * The token and its email are written in one transaction; delivery is attempted right after commit
 * (and retried by the worker from the outbox). Answers the same whether or not an account exists.
 */
export async function requestSignInLink(options: {
  db: Db;
  email: string;
  ip: string;
  callbackUrl?: string;
  now?: Date;
}): Promise<{ email: string }> {
  const { db, ip, callbackUrl } = options;
  const email = parseEmailAddress(options.email);
  const now = options.now ?? new Date();

  const window = { windowSeconds: WINDOW_SECONDS, now };
  const byAddress = await consumeRateLimit(db, { key: `sign-in:email:${email}`, limit: LINKS_PER_ADDRESS, ...window });
  const byIp = await consumeRateLimit(db, { key: `sign-in:ip:${ip}`, limit: LINKS_PER_IP, ...window });
  if (!byAddress.allowed) throw new RateLimitedError(tooManyLinksMessage(byAddress.retryAfterSeconds, "address"), byAddress.retryAfterSeconds);
  if (!byIp.allowed) throw new RateLimitedError(tooManyLinksMessage(byIp.retryAfterSeconds, "ip"), byIp.retryAfterSeconds);

  const messageId = await db.$transaction(async (tx) => {
    const link = await issueSignInLink({ db: tx, email, callbackUrl, now });
    const { id } = await enqueueEmail(tx, {
      to: email,
      template: "sign-in",
      ...signInEmail({ url: link.url, expiresInMinutes: SIGN_IN_LINK_MINUTES }),
    });
    return id;
  });
  await deliverSoon([messageId]);
  return { email };
}
