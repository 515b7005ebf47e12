import type { DbOrTx } from "../db/client";
import type { RenderedEmail } from "./layout";

export type EmailAttachment = { filename: string; contentType: string; /** base64 */ content: string };

/**
 * Writes an email to the outbox. Call it with the transaction handle of the change that causes the
 * email, so the email exists if and only if the change committed. Delivery is the worker's job.
 * With `waitingFor` (e.g. "order:<id>") the message is written WAITING: no worker sends it until
 * releaseWaitingEmails makes it PENDING, or discardWaitingEmails retires it (lib/payments).
 */
export async function enqueueEmail(
  tx: DbOrTx,
  email: RenderedEmail & { to: string; template: string; attachments?: EmailAttachment[]; waitingFor?: string },
): Promise<{ id: string }> {
  return tx.emailMessage.create({
    data: {
      template: email.template,
      toAddress: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      attachments: email.attachments ?? [],
      ...(email.waitingFor ? { status: "WAITING", waitingFor: email.waitingFor } : {}),
    },
    select: { id: true },
  });
}
