import { idInput, parseInput } from "../admin/parse-input";
import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";
import { NotFoundError } from "../errors";
import { getCoachTimeZone } from "../time/coach-time-zone";
import { readAttachments } from "./attachments";

/** One outbox message as the coach reads it: both bodies, and its attachments without their bytes. */
export async function getOutboxMessage(options: { db: DbOrTx; actor: CurrentUser | null; id: string }) {
  const { db, actor } = options;
  assertCoach(actor);
  const id = parseInput(idInput, options.id);
  const [message, timeZone] = await Promise.all([
    db.emailMessage.findUnique({
      where: { id },
      select: {
        id: true,
        createdAt: true,
        toAddress: true,
        subject: true,
        template: true,
        status: true,
        attempts: true,
        lastError: true,
        nextAttemptAt: true,
        sentAt: true,
        html: true,
        text: true,
        attachments: true,
      },
    }),
    getCoachTimeZone(db, actor.id),
  ]);
  if (!message) throw new NotFoundError("That email is not in the outbox.");
  const attachments = readAttachments(message.attachments).map(({ filename, contentType, content }, index) => ({
    index,
    filename,
    contentType,
    bytes: Buffer.byteLength(content, "base64"),
  }));
  return { message: { ...message, attachments }, timeZone };
}
