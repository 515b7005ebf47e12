import type { Tx } from "../db/client";
import type { RefundOrigin } from "../db/generated/client";
import { InvalidInputError, NotFoundError, RuleViolationError } from "../errors";
import { enqueueRefundIssuedEmail } from "./enqueue-refund-email";
import { formatMoney } from "./format-money";
import { refundedStatus } from "./refunded-status";
import { lockOrder } from "./lock-order";

/**
 * Records a refund inside the caller's transaction, before anyone asks the provider: the order row
 * is locked (two refunds of one order queue up, so together they can never exceed what was paid;
 * the CHECK on refunded_cents is the last word), the refund is inserted PENDING, refundedCents and
 * the order's status follow, and the buyer's refund email is written to the outbox. After commit
 * the caller runs sendRefundJobs([refundId]); executeRefund then calls the provider with the
 * idempotency key `refund-<refundId>`, so a retried call can never refund twice.
 *
 * LATE_PAYMENT refunds send no email here: their caller writes the one kind email that explains
 * why the payment came back.
 */
export async function requestRefund(options: {
  tx: Tx;
  orderId: string;
  amountCents: number;
  origin: RefundOrigin;
  /** For the record (audit, dashboard); never shown to the buyer. */
  reason?: string;
  /** The coach's own words to the buyer, quoted in the refund email. */
  note?: string;
}): Promise<{ refundId: string; messageIds: string[] }> {
  const { tx, orderId, amountCents, origin } = options;
  const reason = options.reason?.trim() || undefined;
  if (!Number.isInteger(amountCents) || amountCents <= 0) {
    throw new InvalidInputError("Some details need another look.", { amountCents: "Please enter an amount above zero." });
  }

  if (!(await lockOrder(tx, { id: orderId }))) throw new NotFoundError("That order doesn't exist.", "order_not_found");
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { status: true, email: true, currency: true, totalCents: true, refundedCents: true, provider: true, items: { select: { title: true } } },
  });
  if (order.status !== "PAID" && order.status !== "PARTIALLY_REFUNDED" && order.status !== "REFUNDED") {
    throw new RuleViolationError("order_not_paid", "This order hasn't been paid, so there's nothing to refund.");
  }
  const remaining = order.totalCents - order.refundedCents;
  if (amountCents > remaining) {
    throw new RuleViolationError(
      "refund_too_large",
      remaining === 0
        ? "This order has already been refunded in full, so there's nothing more to refund."
        : `At most ${formatMoney(remaining, order.currency)} can be refunded on this order (${formatMoney(order.refundedCents, order.currency)} of ${formatMoney(order.totalCents, order.currency)} has already been refunded).`,
      { maxCents: remaining },
    );
  }

  const refund = await tx.refund.create({ data: { orderId, amountCents, origin, reason: reason ?? null }, select: { id: true } });
  const refundedCents = order.refundedCents + amountCents;
  await tx.order.update({ where: { id: orderId }, data: { refundedCents, status: refundedStatus(refundedCents, order.totalCents) } });

  const messageIds: string[] = [];
  if (origin !== "LATE_PAYMENT") {
    messageIds.push(await enqueueRefundIssuedEmail(tx, { orderId, order, amountCents, refundedCents, note: options.note?.trim() || undefined }));
  }
  return { refundId: refund.id, messageIds };
}
