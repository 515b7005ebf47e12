import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";
import { NotFoundError } from "../errors";
import { readAttachments } from "./attachments";

/** One attachment of an outbox message (by its position), for the coach to download. */
export async function getOutboxAttachment(options: { db: DbOrTx; actor: CurrentUser | null; id: string; index: number }) {
  assertCoach(options.actor);
  const message = await options.db.emailMessage.findUnique({ where: { id: options.id }, select: { attachments: true } });
  const attachment = message ? readAttachments(message.attachments)[options.index] : undefined;
  if (!attachment) throw new NotFoundError("That attachment is not in the outbox.");
  return { filename: attachment.filename, contentType: attachment.contentType, content: Buffer.from(attachment.content, "base64") };
}
