import type { Tx } from "../db/client";

/**
 * Fulfilment of a paid order: one ACTIVE entitlement per PRODUCT item whose product is a DOWNLOAD
 * or a COURSE, for the order's (lowercased) email. Called inside applyPaidOrder's transaction, after
 * the one conditional PENDING → PAID update, so it runs once per order; the unique orderItemId
 * (skipDuplicates) makes a second call a no-op all the same.
 */
export async function grantEntitlements(options: { tx: Tx; orderId: string; now: Date }): Promise<{ granted: number }> {
  const { tx, orderId, now } = options;
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      email: true,
      items: {
        where: { kind: "PRODUCT", product: { kind: { in: ["DOWNLOAD", "COURSE"] } } },
        select: { id: true, productId: true },
      },
    },
  });
  const rows = order.items.flatMap((item) =>
    item.productId ? [{ email: order.email.toLowerCase(), productId: item.productId, orderItemId: item.id, createdAt: now }] : [],
  );
  if (rows.length === 0) return { granted: 0 };
  const { count } = await tx.entitlement.createMany({ data: rows, skipDuplicates: true });
  return { granted: count };
}
