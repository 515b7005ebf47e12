import type { Tx } from "../db/client";

/**
 * Takes back what an order gave (a full refund, unless the coach keeps access): its ACTIVE
 * entitlements become REVOKED with the time and a reason the buyer may see in their library.
 * Idempotent: entitlements already revoked keep their first time and reason.
 */
export async function revokeEntitlements(options: { tx: Tx; orderId: string; reason: string; now: Date }): Promise<{ revoked: number }> {
  const { tx, orderId, reason, now } = options;
  const { count } = await tx.entitlement.updateMany({
    where: { status: "ACTIVE", orderItem: { orderId } },
    data: { status: "REVOKED", revokedAt: now, revokeReason: reason.trim().slice(0, 500) || "Refunded" },
  });
  return { revoked: count };
}
