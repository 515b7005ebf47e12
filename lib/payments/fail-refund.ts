import { config } from "../config";
import type { Tx } from "../db/client";
import type { RefundStatus } from "../db/generated/client";
import { enqueueEmail } from "../email/enqueue-email";
import { refundFailedEmail } from "../email/templates/refund-failed";
import { lockOrder } from "./lock-order";
import { refundedStatus } from "./refunded-status";

/**
 * Marks one refund FAILED inside the caller's transaction, at most once: the order row is locked
 * first (the order every refund change takes its locks in), then the refund moves to FAILED only
 * from a status in `from`, so of any number of callers (the worker hearing "no", webhook deliveries
 * of the same failure) exactly one gets past the update. That one takes the amount back out of
 * refundedCents, recomputes the order's status, writes the audit row and queues the coach's email.
 * What the refund did besides (a cancelled booking, revoked downloads) is left as it is: the coach
 * decides. Returns the email's id, or null when the refund was not in a status in `from`.
 */
export async function failRefund(options: {
  tx: Tx;
  refundId: string;
  /** The statuses it may fail from: PENDING for a refusal or a refund given up on; PENDING or SUCCEEDED for a failure the provider reports later. */
  from: RefundStatus[];
  /** Why, in words the coach can act on; kept on the refund (lastError) and in the audit log. */
  error: string;
  stage: "refused" | "unconfirmed" | "reversed";
}): Promise<string | null> {
  const { tx, refundId, error } = options;
  const current = await tx.refund.findUnique({ where: { id: refundId }, select: { orderId: true } });
  if (!current) return null;
  await lockOrder(tx, { id: current.orderId });
  const [refund] = await tx.refund.updateManyAndReturn({
    where: { id: refundId, status: { in: options.from } },
    data: { status: "FAILED", lastError: error },
    select: { orderId: true, amountCents: true, origin: true, providerRefundId: true },
  });
  if (!refund) return null;
  const order = await tx.order.findUniqueOrThrow({
    where: { id: refund.orderId },
    select: { totalCents: true, refundedCents: true, email: true, currency: true, items: { select: { title: true, kind: true } } },
  });
  const refundedCents = Math.max(0, order.refundedCents - refund.amountCents);
  await tx.order.update({ where: { id: refund.orderId }, data: { refundedCents, status: refundedStatus(refundedCents, order.totalCents) } });
  await tx.auditLog.create({
    data: {
      action: "refund.failed",
      entityType: "Refund",
      entityId: refundId,
      data: { orderId: refund.orderId, amountCents: refund.amountCents, origin: refund.origin, providerRefundId: refund.providerRefundId, stage: options.stage, error, refundedCents },
    },
  });
  const email = refundFailedEmail({
    orderId: refund.orderId,
    buyerEmail: order.email,
    subject: order.items.map((item) => item.title).join("; "),
    amountCents: refund.amountCents,
    currency: order.currency,
    error,
    stage: options.stage,
    items: { booking: order.items.some((item) => item.kind === "BOOKING"), products: order.items.some((item) => item.kind === "PRODUCT") },
    accessClosed: (await tx.entitlement.count({ where: { orderItem: { orderId: refund.orderId }, status: "REVOKED" } })) > 0,
    orderUrl: `${config().APP_URL}/admin/orders/${refund.orderId}`,
  });
  return (await enqueueEmail(tx, { ...email, to: config().COACH_EMAIL, template: "refund-failed" })).id;
}
