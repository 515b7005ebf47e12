import Stripe from "stripe";
import { InvalidInputError } from "../errors";
import type { PaymentEvent } from "./provider";
import { stripeCheckoutState } from "./stripe-checkout-state";

export type ParseStripeWebhookOptions = {
  /** The request body exactly as received: the signature covers these bytes, so never a re-serialised object. */
  rawBody: string;
  /** The Stripe-Signature header (null when absent). */
  signature: string | null;
  /** STRIPE_WEBHOOK_SECRET (whsec_…). */
  secret: string;
  /** Seconds a signature stays valid (Stripe's default, 300, guards against replays of old deliveries). */
  toleranceSeconds?: number;
};

const checkoutTypes = {
  "checkout.session.completed": "checkout.completed",
  "checkout.session.async_payment_succeeded": "checkout.async_payment_succeeded",
  "checkout.session.async_payment_failed": "checkout.async_payment_failed",
  "checkout.session.expired": "checkout.expired",
} as const;

function isCheckoutType(type: string): type is keyof typeof checkoutTypes {
  return Object.hasOwn(checkoutTypes, type);
}

function invalidPayload(detail: string) {
  return new InvalidInputError(`The webhook payload isn't one we can read: ${detail}.`, {}, "invalid_payload");
}

/**
 * Verifies a Stripe webhook and normalises it into a PaymentEvent. Types we don't act on come back as
 * "ignored" (acknowledged, nothing changes). A missing or wrong signature, or a body changed after
 * signing, throws InvalidInputError with code "invalid_signature" (→ 400): nothing is read from it.
 */
export function parseStripeWebhook(options: ParseStripeWebhookOptions): PaymentEvent {
  let event: Stripe.Event;
  try {
    if (!options.signature) throw new Stripe.errors.StripeSignatureVerificationError("", "", { message: "No Stripe-Signature header" });
    event = Stripe.webhooks.constructEvent(options.rawBody, options.signature, options.secret, options.toleranceSeconds);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new InvalidInputError("The webhook signature doesn't match this endpoint's signing secret.", {}, "invalid_signature");
    }
    // Only a correctly signed body that isn't JSON gets here.
    throw invalidPayload(error instanceof Error ? error.message : "not JSON");
  }

  const object = event.data?.object as unknown as Record<string, unknown> | undefined;
  if (typeof event.id !== "string" || typeof event.type !== "string" || !object || typeof object !== "object") {
    throw invalidPayload("an event needs an id, a type and data.object");
  }

  if (isCheckoutType(event.type)) {
    if (object.object !== "checkout.session" || typeof object.id !== "string") throw invalidPayload(`${event.type} without a checkout session`);
    return { eventId: event.id, type: checkoutTypes[event.type], checkout: stripeCheckoutState(object as unknown as Stripe.Checkout.Session) };
  }

  if (event.type === "charge.refunded") {
    const charge = object as unknown as Stripe.Charge;
    const paymentIntentId = typeof charge.payment_intent === "string" ? charge.payment_intent : (charge.payment_intent?.id ?? null);
    if (charge.object !== "charge" || typeof charge.amount_refunded !== "number" || typeof charge.currency !== "string") {
      throw invalidPayload("charge.refunded without a charge");
    }
    // A charge without a PaymentIntent didn't come from Checkout, so it isn't one of our orders.
    if (!paymentIntentId) return { eventId: event.id, type: "ignored", providerType: event.type };
    return {
      eventId: event.id,
      type: "charge.refunded",
      paymentIntentId,
      amountRefundedCents: charge.amount_refunded,
      currency: charge.currency.toUpperCase(),
    };
  }

  return { eventId: event.id, type: "ignored", providerType: event.type };
}
