import type { DbOrTx } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import type { CheckoutLineItem, PaymentProvider } from "./provider";

export type OpenCheckoutOptions = {
  /** Not a transaction: the provider call happens here, and a transaction must never wait on the network. */
  db: DbOrTx;
  provider: PaymentProvider;
  orderId: string;
  /** Prefilled on the checkout page; defaults to the order's email. */
  email?: string;
  /** Priced from our database by the caller; they must add up to the order's total. */
  lineItems: CheckoutLineItem[];
  /** The order's discount (Order.discountCents), taken off the line items' sum; the provider shows it. */
  discountCents?: number;
  /** What the discount is called on the provider's page, e.g. "Code SPRING". */
  discountLabel?: string;
  /** May contain `{CHECKOUT_SESSION_ID}`. */
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
};

export type OpenedCheckout = { checkoutId: string; checkoutUrl: string; expiresAt: Date };

/**
 * Opens the provider's checkout for a PENDING order and stores its id, url and expiry on the order.
 * Safe to call again for the same order: the idempotency key is the order id, so a retry gets the
 * same checkout rather than a second one. Provider errors are passed on unchanged; the caller
 * decides what to release (createBooking lets the held time go).
 */
export async function openCheckout(options: OpenCheckoutOptions): Promise<OpenedCheckout> {
  const { db, provider, orderId } = options;
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: { status: true, email: true, currency: true, totalCents: true, discountCents: true, provider: true, checkoutId: true, checkoutUrl: true, checkoutExpiresAt: true },
  });
  if (!order) throw new NotFoundError("We couldn't find that order.", "order_not_found");
  if (order.provider !== provider.name) throw new Error(`order ${orderId} belongs to provider ${order.provider}, not ${provider.name}`);
  if (order.checkoutId && order.checkoutUrl && order.checkoutExpiresAt) {
    return { checkoutId: order.checkoutId, checkoutUrl: order.checkoutUrl, expiresAt: order.checkoutExpiresAt };
  }
  if (order.status !== "PENDING") throw new ConflictError("order_not_pending", "This order is no longer waiting for payment.");

  const itemsTotal = options.lineItems.reduce((sum, item) => sum + item.unitAmountCents * item.quantity, 0);
  const discountCents = options.discountCents ?? 0;
  // The buyer must be asked for exactly what the order says: a mismatch is a bug, never something to charge.
  if (discountCents !== order.discountCents || itemsTotal - discountCents !== order.totalCents) {
    throw new Error(
      `order ${orderId}: line items add up to ${itemsTotal}, the order total is ${order.totalCents} (discount given ${discountCents}, on the order ${order.discountCents})`,
    );
  }

  const checkout = await provider.createCheckout({
    orderId,
    email: options.email ?? order.email,
    currency: order.currency,
    lineItems: options.lineItems,
    ...(discountCents > 0 ? { discountCents, discountLabel: options.discountLabel } : {}),
    successUrl: options.successUrl,
    cancelUrl: options.cancelUrl,
    expiresAt: options.expiresAt,
    idempotencyKey: `checkout-${orderId}`,
  });

  const stored = await db.order.updateMany({
    where: { id: orderId, status: "PENDING", checkoutId: null },
    data: { checkoutId: checkout.id, checkoutUrl: checkout.url, checkoutExpiresAt: checkout.expiresAt },
  });
  if (stored.count === 0) {
    // Another call stored the same checkout first (same key, same id) — fine. Otherwise the order
    // was closed meanwhile: stop the checkout so nobody can pay for it.
    const now = await db.order.findUnique({ where: { id: orderId }, select: { status: true, checkoutId: true } });
    if (now?.checkoutId === checkout.id) return { checkoutId: checkout.id, checkoutUrl: checkout.url, expiresAt: checkout.expiresAt };
    await provider.expireCheckout(checkout.id).catch(() => undefined);
    throw new ConflictError("order_not_pending", "This order is no longer waiting for payment.");
  }
  return { checkoutId: checkout.id, checkoutUrl: checkout.url, expiresAt: checkout.expiresAt };
}
