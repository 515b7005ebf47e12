import type { Tx } from "../db/client";
import { ownValue } from "../http/own-value";
import { failRefund } from "./fail-refund";
import { lockOrder } from "./lock-order";
import type { PaymentEffects } from "./payment-effects";
import type { ProviderRefundState } from "./provider";

// Stripe's failure_reason values (Refund.failure_reason), in words the coach can act on.
const failureReasons: Record<string, string> = {
  lost_or_stolen_card: "the card was reported lost or stolen",
  expired_or_canceled_card: "the card has expired or been cancelled",
  charge_for_pending_refund_disputed: "the buyer disputed the payment while the refund was on its way",
  insufficient_funds: "there wasn't enough in the account's balance to cover it",
  declined: "the buyer's bank declined it",
  merchant_request: "it was cancelled from the dashboard",
};

function failureMessage(reason: string | null): string {
  const words = ownValue(failureReasons, reason ?? undefined) ?? "no reason was given";
  return `The refund couldn't be completed: ${words}${reason ? ` (${reason})` : ""}.`;
}

/**
 * One refund's event from the provider (Stripe's refund.created, refund.updated, refund.failed,
 * charge.refund.updated), matched to our Refund row under the order's row lock (the lock
 * charge.refunded and every refund change take, so events of one order queue up):
 * - by the provider's refund id (ours store it once the provider answers);
 * - else by our own refund id in the refund's metadata (ours, before the worker recorded the answer);
 * - else, for a refund that isn't ours, a dashboard refund that charge.refunded recorded without an
 *   id, of exactly this amount (equal amounts on one order are interchangeable).
 * A match keeps the provider's id. Then a failed (or canceled) refund becomes FAILED from PENDING or
 * SUCCEEDED (failRefund: once; its amount out of refundedCents; the coach emailed), and an accepted
 * one of ours still PENDING becomes SUCCEEDED, as if the worker had heard back. An event that
 * matches nothing is acknowledged and changes nothing. It never records new money: charge.refunded
 * counts refunds made in the dashboard (applyProviderRefund), so no refund is ever counted twice.
 */
export async function applyRefundUpdate(options: { tx: Tx; refund: ProviderRefundState }): Promise<{ outcome: "applied" | "ignored"; effects: PaymentEffects }> {
  const { tx, refund } = options;
  const effects: PaymentEffects = { messageIds: [], reminders: [], refundIds: [] };
  const orderId = await lockOrder(tx, { paymentIntentId: refund.paymentIntentId });
  if (!orderId) return { outcome: "ignored", effects };

  const row = await findRefundRow(tx, orderId, refund);
  if (!row) {
    // Ours and dashboard refunds are all matched; an unmatched failure on one of our orders needs a person.
    if (refund.status === "failed") console.warn(`[payments] Stripe refund ${refund.id} of order ${orderId} failed, but matches none of its refunds: nothing changed; please check the order.`);
    return { outcome: "ignored", effects };
  }
  let changed = false;
  if (row.providerRefundId === null) {
    await tx.refund.update({ where: { id: row.id }, data: { providerRefundId: refund.id } });
    changed = true;
  }

  if (refund.status === "failed") {
    const messageId = await failRefund({ tx, refundId: row.id, from: ["PENDING", "SUCCEEDED"], error: failureMessage(refund.failureReason), stage: "reversed" });
    if (messageId) effects.messageIds.push(messageId);
    changed ||= messageId !== null;
  } else {
    const accepted = await tx.refund.updateMany({ where: { id: row.id, status: "PENDING" }, data: { status: "SUCCEEDED", lastError: null } });
    changed ||= accepted.count > 0;
  }
  return { outcome: changed ? "applied" : "ignored", effects };
}

async function findRefundRow(tx: Tx, orderId: string, refund: ProviderRefundState) {
  const select = { id: true, orderId: true, providerRefundId: true } as const;
  const known = await tx.refund.findUnique({ where: { providerRefundId: refund.id }, select });
  if (known) return known.orderId === orderId ? known : null;
  if (refund.ourRefundId) return tx.refund.findFirst({ where: { id: refund.ourRefundId, orderId, providerRefundId: null }, select });
  return tx.refund.findFirst({
    where: { orderId, origin: "PROVIDER_DASHBOARD", status: "SUCCEEDED", providerRefundId: null, amountCents: refund.amountCents },
    orderBy: { createdAt: "asc" },
    select,
  });
}
