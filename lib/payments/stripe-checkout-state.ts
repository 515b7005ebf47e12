import type Stripe from "stripe";
import type { CheckoutState } from "./provider";

/**
 * A Stripe Checkout Session, as our CheckoutState. Shared by the Stripe provider (API answers) and the
 * webhook parser (event payloads), so both read a session the same way.
 */
export function stripeCheckoutState(session: Stripe.Checkout.Session): CheckoutState {
  const paymentIntent = session.payment_intent;
  return {
    id: session.id,
    // client_reference_id is what we set first; metadata is the fallback if a dashboard tool drops it.
    orderId: session.client_reference_id ?? session.metadata?.orderId ?? null,
    // Stripe may add values; anything we don't know can't have finished, so it reads as open/unpaid.
    status: session.status === "complete" ? "complete" : session.status === "expired" ? "expired" : "open",
    paymentStatus:
      session.payment_status === "paid" ? "paid" : session.payment_status === "no_payment_required" ? "no_payment_required" : "unpaid",
    paymentIntentId: typeof paymentIntent === "string" ? paymentIntent : (paymentIntent?.id ?? null),
    amountTotalCents: session.amount_total,
    currency: session.currency ? session.currency.toUpperCase() : null,
  };
}
