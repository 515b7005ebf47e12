// The payment provider seam. Two implementations: Stripe (official SDK, Checkout Sessions) and the
// test mode (the product's own checkout page; no money moves). Domain code only sees this interface
// and the normalised PaymentEvent, so a test-mode payment runs exactly the code a Stripe webhook runs.

export type ProviderName = "STRIPE" | "TEST";

export type CheckoutLineItem = { name: string; unitAmountCents: number; quantity: number };

export type CreateCheckoutInput = {
  orderId: string;
  email: string;
  currency: string;
  lineItems: CheckoutLineItem[];
  /**
   * Taken off the line items' sum (a discount code, already checked against our own Coupon row).
   * Stripe shows it as a one-off coupon for exactly this amount.
   */
  discountCents?: number;
  /** What the discount is called on the provider's page, e.g. "Code SPRING". */
  discountLabel?: string;
  /** Where the buyer lands after paying; `{CHECKOUT_SESSION_ID}` is replaced with the checkout id. */
  successUrl: string;
  /** Where the buyer lands after choosing not to pay: a signed link to our order, no placeholder (see checkoutReturnUrls). */
  cancelUrl: string;
  /** When the checkout stops accepting payment (Stripe: 30 min to 24 h ahead). */
  expiresAt: Date;
  /** Same key, same checkout: a retried create never opens a second one. */
  idempotencyKey: string;
};

export type Checkout = {
  id: string;
  url: string;
  expiresAt: Date;
};

export type CheckoutState = {
  id: string;
  orderId: string | null;
  /** open: can still be paid; complete: finished (paid, or awaiting an async method); expired: can't be paid. */
  status: "open" | "complete" | "expired";
  paymentStatus: "paid" | "unpaid" | "no_payment_required";
  paymentIntentId: string | null;
  amountTotalCents: number | null;
  currency: string | null;
};

export type ProviderRefund = { id: string; status: "succeeded" | "pending" | "failed"; amountCents: number };

/**
 * A refund as the provider reports it in an event (Stripe's refund.created, refund.updated,
 * refund.failed, charge.refund.updated). "failed" covers Stripe's failed and canceled: either way the
 * money stays with the coach.
 */
export type ProviderRefundState = {
  id: string;
  paymentIntentId: string;
  amountCents: number;
  currency: string;
  status: ProviderRefund["status"];
  /** Stripe's failure_reason (e.g. expired_or_canceled_card), when it failed. */
  failureReason: string | null;
  /** Our Refund id, when we made it (the provider keeps it in the refund's metadata). */
  ourRefundId: string | null;
};

/**
 * A provider event, normalised. `eventId` is the provider's event id (unique per event; duplicates
 * repeat it). The test mode mints its own ids.
 */
export type PaymentEvent =
  | { eventId: string; type: "checkout.completed"; checkout: CheckoutState }
  | { eventId: string; type: "checkout.async_payment_succeeded"; checkout: CheckoutState }
  | { eventId: string; type: "checkout.async_payment_failed"; checkout: CheckoutState }
  | { eventId: string; type: "checkout.expired"; checkout: CheckoutState }
  /**
   * Something was refunded on this payment. Only a trigger: the event's own total is a snapshot from
   * when it was sent, so the provider is asked for the total as it stands (refundedAmount).
   */
  | { eventId: string; type: "charge.refunded"; paymentIntentId: string }
  /** One refund changed (created, updated, failed) at the provider. */
  | { eventId: string; type: "refund.updated"; refund: ProviderRefundState }
  /** Any other event type: acknowledged, recorded, nothing changes. */
  | { eventId: string; type: "ignored"; providerType: string };

export interface PaymentProvider {
  readonly name: ProviderName;
  createCheckout(input: CreateCheckoutInput): Promise<Checkout>;
  getCheckout(checkoutId: string): Promise<CheckoutState>;
  /** Stops an open checkout from being paid. Resolves with the checkout's state afterwards (it may already be complete). */
  expireCheckout(checkoutId: string): Promise<CheckoutState>;
  /** `refundId` is ours; the provider keeps it with the refund, so its later events lead back to our row. */
  refund(input: { refundId: string; paymentIntentId: string; amountCents: number; idempotencyKey: string; reason?: string }): Promise<ProviderRefund>;
  /** Everything refunded on the payment as the provider holds it now, in minor units (a refund that failed no longer counts). */
  refundedAmount(input: { paymentIntentId: string }): Promise<number>;
}
