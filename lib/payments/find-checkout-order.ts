import type { DbOrTx } from "../db/client";
import type { CheckoutState } from "./provider";

/**
 * The order a provider checkout belongs to: by the order id the checkout carries (Stripe's
 * client_reference_id), else by the checkout id stored on the order. The order id comes first
 * because a very quick event can arrive before openCheckout has stored the checkout id.
 */
export async function findCheckoutOrder(options: { db: DbOrTx; checkout: Pick<CheckoutState, "id" | "orderId"> }) {
  const { db, checkout } = options;
  const select = { id: true, status: true, provider: true, checkoutId: true } as const;
  const byId = checkout.orderId ? await db.order.findUnique({ where: { id: checkout.orderId }, select }) : null;
  return byId ?? (await db.order.findUnique({ where: { checkoutId: checkout.id }, select }));
}
