import { config } from "../config";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { readAttachments } from "./attachments";
import type { MailTransport } from "./transport";

export const MAX_ATTEMPTS = 6;
/** Wait after failed attempt n (index n - 1); the attempt after the last delay is the final one. */
export const RETRY_DELAYS_MS = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000, 6 * 60 * 60_000];
/** How long a claim keeps other workers away; SMTP timeouts (transport.ts) stay well below it. */
export const CLAIM_MS = 2 * 60_000;
const MAX_ERROR_LENGTH = 1_000;

export type DeliveryOutcome =
  | { status: "sent" }
  | { status: "retry"; nextAttemptAt: Date; error: string }
  | { status: "failed"; error: string }
  /** Not ours to send: already sent or failed, not due yet, or claimed by another worker. */
  | { status: "skipped" };

/**
 * Rows a worker may claim now: due and pending, or claimed by a worker that never finished.
 * WAITING (held back until a payment) and DISCARDED messages are never claimed: the status list is
 * explicit on purpose.
 */
export function deliverableWhere(now: Date): Prisma.EmailMessageWhereInput {
  return {
    nextAttemptAt: { lte: now },
    OR: [{ status: "PENDING" }, { status: "SENDING", lockedUntil: { lte: now } }],
  };
}

/**
 * Sends one outbox message. The claim is one conditional UPDATE, so of two workers racing for a
 * message exactly one gets it; every later write is fenced on the attempt number, so a worker whose
 * claim expired cannot overwrite the outcome of the one that took over. Delivery is at least once:
 * a crash between the SMTP server accepting and the SENT update sends the message again later.
 */
export async function deliverEmail(options: {
  db: Db;
  messageId: string;
  transport: MailTransport;
  now?: Date;
}): Promise<DeliveryOutcome> {
  const { db, messageId, transport, now = new Date() } = options;
  const [claimed] = await db.emailMessage.updateManyAndReturn({
    where: { id: messageId, ...deliverableWhere(now) },
    data: { status: "SENDING", lockedUntil: new Date(now.getTime() + CLAIM_MS), attempts: { increment: 1 } },
    select: { toAddress: true, subject: true, html: true, text: true, attachments: true, attempts: true },
  });
  if (!claimed) return { status: "skipped" };
  const fence = { id: messageId, status: "SENDING", attempts: claimed.attempts } as const;

  if (claimed.attempts > MAX_ATTEMPTS) {
    // Only a claim left behind by a crashed worker gets here: a message that keeps taking its
    // worker down (say, an enormous attachment) must stop being retried.
    const error = `Gave up after ${MAX_ATTEMPTS} attempts; the last one was interrupted before it finished.`;
    await db.emailMessage.updateMany({ where: fence, data: { status: "FAILED", lockedUntil: null, lastError: error } });
    return { status: "failed", error };
  }

  try {
    await transport.sendMail({
      from: config().EMAIL_FROM,
      to: claimed.toAddress,
      subject: claimed.subject,
      html: claimed.html,
      text: claimed.text,
      attachments: readAttachments(claimed.attachments).map((attachment) => ({
        filename: attachment.filename,
        contentType: attachment.contentType,
        content: Buffer.from(attachment.content, "base64"),
      })),
    });
  } catch (cause) {
    const error = (cause instanceof Error ? cause.message : String(cause)).slice(0, MAX_ERROR_LENGTH);
    if (claimed.attempts >= MAX_ATTEMPTS) {
      await db.emailMessage.updateMany({ where: fence, data: { status: "FAILED", lockedUntil: null, lastError: error } });
      return { status: "failed", error };
    }
    const nextAttemptAt = new Date(now.getTime() + RETRY_DELAYS_MS[claimed.attempts - 1]);
    await db.emailMessage.updateMany({ where: fence, data: { status: "PENDING", lockedUntil: null, lastError: error, nextAttemptAt } });
    return { status: "retry", nextAttemptAt, error };
  }

  // Once it has gone, the copy the coach can read in the outbox (and every backup) keeps no working
  // sign-in link: whoever holds one can sign in as the client.
  await db.emailMessage.updateMany({
    where: fence,
    data: { status: "SENT", sentAt: now, lockedUntil: null, html: withoutSignInTokens(claimed.html), text: withoutSignInTokens(claimed.text) },
  });
  return { status: "sent" };
}

/** Sign-in links carry `token=` and 64 hex digits (lib/auth/issue-sign-in-link.ts). */
function withoutSignInTokens(body: string): string {
  return body.replace(/\btoken=[0-9a-f]{64}\b/g, "token=removed-once-sent");
}
