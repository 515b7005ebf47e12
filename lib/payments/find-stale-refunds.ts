import type { Db } from "../db/client";
import type { PaymentProviderName } from "../db/generated/client";

const STALE_MS = 2 * 60_000;

/**
 * Refunds still PENDING two minutes after they were last touched: their job was lost (the queue was
 * unreachable after commit) or is failing. The refund sweep sends them again; the idempotency key
 * makes that safe. Oldest first, bounded, with the provider each one belongs to.
 */
export async function findStaleRefunds(options: { db: Db; now?: Date; limit?: number }): Promise<Array<{ id: string; provider: PaymentProviderName }>> {
  const now = options.now ?? new Date();
  const rows = await options.db.refund.findMany({
    where: { status: "PENDING", updatedAt: { lte: new Date(now.getTime() - STALE_MS) } },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 100,
    select: { id: true, order: { select: { provider: true } } },
  });
  return rows.map((row) => ({ id: row.id, provider: row.order.provider }));
}
