import type { Tx } from "../db/client";

/**
 * Takes an order's row lock for the rest of the transaction, by our id or by the provider's payment
 * id, and returns the order's id (null when there is no such order). Every change to an order's
 * money (a refund asked for, recorded by the provider, or failed) takes this lock first, so changes
 * to one order queue up instead of reading each other's totals half-way.
 */
export async function lockOrder(tx: Tx, where: { id: string } | { paymentIntentId: string }): Promise<string | null> {
  const rows =
    "id" in where
      ? await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM orders WHERE id = ${where.id} FOR UPDATE`
      : await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM orders WHERE payment_intent_id = ${where.paymentIntentId} FOR UPDATE`;
  return rows[0]?.id ?? null;
}
