import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";
import { getCoachTimeZone } from "../time/coach-time-zone";

export const OUTBOX_PAGE_SIZE = 50;

/** One page of the outbox, newest first, for the coach. A page past the end shows the last one. */
export async function listOutbox(options: { db: DbOrTx; actor: CurrentUser | null; page: number }) {
  const { db, actor } = options;
  assertCoach(actor);
  const [total, timeZone] = await Promise.all([db.emailMessage.count(), getCoachTimeZone(db, actor.id)]);
  const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(options.page) || 1), pageCount);
  const messages = await db.emailMessage.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * OUTBOX_PAGE_SIZE,
    take: OUTBOX_PAGE_SIZE,
    select: { id: true, createdAt: true, toAddress: true, subject: true, template: true, status: true, attempts: true, lastError: true },
  });
  return { messages, page, pageCount, total, timeZone };
}
