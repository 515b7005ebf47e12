import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import { runBookingTransaction } from "../../booking/run-booking-transaction";
import type { Db } from "../../db/client";
import { deliverSoon } from "../../email/deliver-soon";
import { InvalidInputError, NotFoundError, RuleViolationError } from "../../errors";
import { MAX_REFUND_REASON_LENGTH } from "../../payments/refund-booking-by-coach";
import { requestRefund } from "../../payments/request-refund";
import { sendRefundJobs } from "../../payments/send-refund-jobs";
import { revokeEntitlements } from "../../shop/revoke-entitlements";
import { idInput, parseInput } from "../parse-input";
import { coachOrderScope } from "./order-scope";

/** What the buyer's library says about a purchase the coach refunded in full. */
export const REFUND_REVOKE_REASON = "Refunded in full";

/**
 * The coach refunds an order from /admin/orders, in full (no amount: everything still paid) or in
 * part. In one transaction: the refund is recorded (requestRefund: order row locked, amount checked
 * against what is left, the buyer's email in the outbox) and, when this refund makes the order fully
 * refunded, the downloads and courses it gave are revoked, unless the coach keeps the buyer's
 * access (`keepAccess`). Partial refunds never revoke. After commit, the email is delivered and the
 * refund sent to the provider (sendRefundJobs). A booking paid by the order stays as it is:
 * cancelling is a separate decision, on the booking's page.
 */
export async function refundOrderByCoach(options: {
  db: Db;
  actor: CurrentUser | null;
  orderId: string;
  amountCents?: number;
  reason?: string;
  keepAccess?: boolean;
  now?: Date;
}): Promise<{ refundId: string; amountCents: number; currency: string; fullyRefunded: boolean; revoked: number }> {
  const { db, actor } = options;
  assertCoach(actor);
  const orderId = parseInput(idInput, options.orderId);
  const reason = options.reason?.trim() || undefined;
  if (reason && reason.length > MAX_REFUND_REASON_LENGTH) {
    throw new InvalidInputError("Some details need another look.", {
      reason: `Please keep the note under ${MAX_REFUND_REASON_LENGTH.toLocaleString("en-GB")} characters.`,
    });
  }
  if (options.amountCents !== undefined && (!Number.isInteger(options.amountCents) || options.amountCents <= 0)) {
    throw new InvalidInputError("Some details need another look.", { amountCents: "Please enter an amount above zero, or choose a full refund." });
  }
  const found = await db.order.findFirst({ where: { AND: [{ id: orderId }, coachOrderScope(actor.id)] }, select: { id: true } });
  if (!found) throw new NotFoundError("That order was not found.", "order_not_found");
  const now = options.now ?? new Date();

  const result = await runBookingTransaction(db, async (tx) => {
    let amountCents = options.amountCents;
    if (amountCents === undefined) {
      const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { totalCents: true, refundedCents: true, status: true } });
      amountCents = order.totalCents - order.refundedCents;
      if (amountCents <= 0 && (order.status === "PAID" || order.status === "PARTIALLY_REFUNDED" || order.status === "REFUNDED")) {
        throw new RuleViolationError("refund_too_large", "This order has already been refunded in full, so there's nothing more to refund.", { maxCents: 0 });
      }
      amountCents = Math.max(amountCents, 1); // an unpaid order: requestRefund explains
    }
    const { refundId, messageIds } = await requestRefund({ tx, orderId, amountCents, origin: "COACH", reason, note: reason });
    const after = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { currency: true, totalCents: true, refundedCents: true } });
    const fullyRefunded = after.refundedCents >= after.totalCents;
    const { revoked } = fullyRefunded && !options.keepAccess ? await revokeEntitlements({ tx, orderId, reason: REFUND_REVOKE_REASON, now }) : { revoked: 0 };
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "order.refunded",
        entityType: "Order",
        entityId: orderId,
        data: { refundId, amountCents, fullyRefunded, revoked, keepAccess: Boolean(options.keepAccess), ...(reason ? { reason } : {}) },
      },
    });
    return { refundId, amountCents, currency: after.currency, fullyRefunded, revoked, messageIds };
  });

  await deliverSoon(result.messageIds);
  await sendRefundJobs([result.refundId]);
  return { refundId: result.refundId, amountCents: result.amountCents, currency: result.currency, fullyRefunded: result.fullyRefunded, revoked: result.revoked };
}
