import type { Tx } from "../db/client";
import { applyPaidOrder } from "./apply-paid-order";
import { findCheckoutOrder } from "./find-checkout-order";
import type { PaymentEffects } from "./payment-effects";
import type { CheckoutState, ProviderName } from "./provider";

/**
 * A checkout the provider reports as paid, applied to its order through applyPaidOrder. Used by
 * the webhook's completed/async-succeeded events and by every place that asks the provider
 * directly (success page, cancel page, hold sweep). A checkout still awaiting payment, one of
 * another provider, or one we have no order for changes nothing ("ignored").
 */
export async function applyCheckoutPayment(options: {
  tx: Tx;
  provider: ProviderName;
  checkout: CheckoutState;
  now: Date;
}): Promise<{ outcome: "applied" | "ignored"; effects: PaymentEffects }> {
  const { tx, checkout, now } = options;
  const ignored = { outcome: "ignored" as const, effects: { messageIds: [], reminders: [], refundIds: [] } };
  if (checkout.paymentStatus === "unpaid") return ignored;
  const order = await findCheckoutOrder({ db: tx, checkout });
  if (!order || order.provider !== options.provider) return ignored;
  if (!order.checkoutId) await tx.order.updateMany({ where: { id: order.id, checkoutId: null }, data: { checkoutId: checkout.id } });
  const { applied, effects } = await applyPaidOrder({ tx, orderId: order.id, paymentIntentId: checkout.paymentIntentId, now });
  return { outcome: applied ? "applied" : "ignored", effects };
}
