import Stripe from "stripe";
import { NotFoundError, ProviderRejectedError } from "../errors";
import type { Checkout, CheckoutState, CreateCheckoutInput, PaymentProvider, ProviderRefund } from "./provider";
import { stripeCheckoutState } from "./stripe-checkout-state";
import { stripeRefundStatus } from "./stripe-refund-status";

export type CreateStripeProviderOptions = {
  secretKey: string;
  /** Another Stripe API base (the fake in tests), e.g. http://127.0.0.1:12111. */
  apiUrl?: string;
  /** Per-request timeout; Stripe answers in well under a second, so a long wait means trouble. */
  timeoutMs?: number;
};

// Pinned so a Stripe account's default version can't change the shapes we read.
const API_VERSION = "2026-10-28.endive";
const MIN_EXPIRY_MS = 30 * 60 * 1000;
const MAX_EXPIRY_MS = 24 * 60 * 60 * 1000;

function endpoint(apiUrl: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

/** Stripe allows 30 minutes to 24 hours; a value just outside (clock skew, slow request) is nudged inside. */
function expiresAtSeconds(expiresAt: Date, now: number): number {
  const clamped = Math.min(Math.max(expiresAt.getTime(), now + MIN_EXPIRY_MS + 60_000), now + MAX_EXPIRY_MS - 60_000);
  return Math.floor(clamped / 1000);
}

function isPermanentRejection(error: unknown): error is Stripe.errors.StripeError {
  // 400/402/404 say "this request will never work"; 409 (idempotency in flight), 429 and 5xx are worth retrying.
  return (
    error instanceof Stripe.errors.StripeError &&
    !(error instanceof Stripe.errors.StripeIdempotencyError) &&
    [400, 402, 404].includes(error.statusCode ?? 0)
  );
}

function isMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404;
}

/** Payments through Stripe Checkout (hosted page, payment mode), with the official SDK. */
export function createStripeProvider(options: CreateStripeProviderOptions): PaymentProvider {
  const stripe = new Stripe(options.secretKey, {
    apiVersion: API_VERSION,
    // The SDK retries network errors and 5xx with the same idempotency key, so a retry is never a second charge.
    maxNetworkRetries: 2,
    timeout: options.timeoutMs ?? 20_000,
    appInfo: { name: "calm-coaching" },
    ...endpoint(options.apiUrl),
  });

  async function retrieve(checkoutId: string): Promise<CheckoutState> {
    try {
      return stripeCheckoutState(await stripe.checkout.sessions.retrieve(checkoutId));
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError("We couldn't find that checkout.", "checkout_not_found");
      throw error;
    }
  }

  return {
    name: "STRIPE",

    async createCheckout(input: CreateCheckoutInput): Promise<Checkout> {
      const currency = input.currency.toLowerCase();
      // Our own Coupon row decided the discount; Stripe gets it as a one-off coupon for exactly that
      // amount (usable once, for this session), so its page shows the same discount and total.
      const discount =
        input.discountCents && input.discountCents > 0
          ? await stripe.coupons.create(
              {
                amount_off: input.discountCents,
                currency,
                duration: "once",
                max_redemptions: 1,
                name: (input.discountLabel ?? "Discount").slice(0, 40),
                metadata: { orderId: input.orderId },
              },
              { idempotencyKey: `${input.idempotencyKey}-coupon` },
            )
          : null;
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          // Prices come from our database, never from a Stripe Price the buyer could influence.
          line_items: input.lineItems.map((item) => ({
            quantity: item.quantity,
            price_data: { currency, unit_amount: item.unitAmountCents, product_data: { name: item.name } },
          })),
          ...(discount ? { discounts: [{ coupon: discount.id }] } : {}),
          client_reference_id: input.orderId,
          metadata: { orderId: input.orderId },
          // The same id on the PaymentIntent, so a payment or refund seen in the dashboard leads back to the order.
          payment_intent_data: { metadata: { orderId: input.orderId } },
          customer_email: input.email,
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          expires_at: expiresAtSeconds(input.expiresAt, Date.now()),
        },
        { idempotencyKey: input.idempotencyKey },
      );
      if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
      return { id: session.id, url: session.url, expiresAt: new Date(session.expires_at * 1000) };
    },

    getCheckout: retrieve,

    async expireCheckout(checkoutId: string): Promise<CheckoutState> {
      try {
        return stripeCheckoutState(await stripe.checkout.sessions.expire(checkoutId));
      } catch (error) {
        if (isMissing(error)) throw new NotFoundError("We couldn't find that checkout.", "checkout_not_found");
        // Stripe refuses to expire a session that isn't open: it was paid or has expired already.
        // That's an answer, not a failure, so report where the session actually stands.
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          const state = await retrieve(checkoutId);
          if (state.status !== "open") return state;
        }
        throw error;
      }
    },

    async refund(input): Promise<ProviderRefund> {
      try {
        const refund = await stripe.refunds.create(
          {
            payment_intent: input.paymentIntentId,
            amount: input.amountCents,
            // Our refund id comes back in the refund's events, so they find our row even before we
            // have recorded Stripe's answer. Stripe's own `reason` is a short list; our words go in
            // metadata for the dashboard.
            metadata: { refundId: input.refundId, ...(input.reason ? { reason: input.reason.slice(0, 500) } : {}) },
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return { id: refund.id, status: stripeRefundStatus(refund.status), amountCents: refund.amount };
      } catch (error) {
        if (isPermanentRejection(error)) {
          throw new ProviderRejectedError(error.code ?? "refund_rejected", `Stripe refused the refund: ${error.message}`, {
            paymentIntentId: input.paymentIntentId,
          });
        }
        throw error;
      }
    },

    // The PaymentIntent's latest charge is the one that paid (a PaymentIntent that succeeded takes no
    // further charges), and refunds of the payment are refunds of that charge.
    async refundedAmount(input): Promise<number> {
      const intent = await stripe.paymentIntents.retrieve(input.paymentIntentId, { expand: ["latest_charge"] });
      const charge = intent.latest_charge;
      if (typeof charge === "string") throw new Error(`Stripe returned payment ${intent.id} without expanding its latest charge`);
      return charge?.amount_refunded ?? 0;
    },
  };
}
