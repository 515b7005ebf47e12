import type { Db } from "../db/client";
import { deliverableWhere } from "./deliver-email";

/**
 * Outbox messages that should be sent now and may have no delivery job: deliverSoon failed, the
 * worker was down, a retry fell due, or a worker died holding a claim. Oldest first, bounded.
 */
export async function findDueEmails(options: { db: Db; now?: Date; limit?: number }): Promise<string[]> {
  const rows = await options.db.emailMessage.findMany({
    where: deliverableWhere(options.now ?? new Date()),
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit ?? 500,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}
