import Stripe from "stripe";
import { InvalidInputError } from "../errors";
import type { PaymentEvent } from "./provider";
import { stripeCheckoutState } from "./stripe-checkout-state";
import { stripeRefundStatus } from "./stripe-refund-status";

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

// Every event whose object is one Refund. Stripe sends refund.* for all refunds and
// charge.refund.updated for some payment methods; an endpoint may be subscribed to either.
const refundTypes = new Set(["refund.created", "refund.updated", "refund.failed", "charge.refund.updated"]);

function idOf(value: string | { id: string } | null | undefined): string | null {
  return typeof value === "string" ? value : (value?.id ?? null);
}

function invalidPayload(detail: string) {
  return new InvalidInputError(`The webhook payload isn't one we can read: ${detail}.`, {}, "invalid_payload");
}

/**
 * Verifies a Stripe webhook and normalises it into a PaymentEvent: checkout events, charge.refunded
 * (which payment; its running total is read again from Stripe when it is applied) and the events of one refund (refund.created, refund.updated,
 * refund.failed, charge.refund.updated → "refund.updated"). Types we don't act on come back as
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
    const paymentIntentId = idOf(charge.payment_intent);
    if (charge.object !== "charge" || typeof charge.amount_refunded !== "number" || typeof charge.currency !== "string") {
      throw invalidPayload("charge.refunded without a charge");
    }
    // A charge without a PaymentIntent didn't come from Checkout, so it isn't one of our orders.
    if (!paymentIntentId) return { eventId: event.id, type: "ignored", providerType: event.type };
    return { eventId: event.id, type: "charge.refunded", paymentIntentId };
  }

  if (refundTypes.has(event.type)) {
    const refund = object as unknown as Stripe.Refund;
    if (refund.object !== "refund" || typeof refund.id !== "string" || typeof refund.amount !== "number" || typeof refund.currency !== "string") {
      throw invalidPayload(`${event.type} without a refund`);
    }
    const paymentIntentId = idOf(refund.payment_intent);
    // A refund of a charge without a PaymentIntent didn't come from Checkout: not one of our orders.
    if (!paymentIntentId) return { eventId: event.id, type: "ignored", providerType: event.type };
    return {
      eventId: event.id,
      type: "refund.updated",
      refund: {
        id: refund.id,
        paymentIntentId,
        amountCents: refund.amount,
        currency: refund.currency.toUpperCase(),
        status: stripeRefundStatus(refund.status),
        failureReason: typeof refund.failure_reason === "string" ? refund.failure_reason : null,
        ourRefundId: typeof refund.metadata?.refundId === "string" ? refund.metadata.refundId : null,
      },
    };
  }

  return { eventId: event.id, type: "ignored", providerType: event.type };
}
