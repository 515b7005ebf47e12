import { createHash } from "node:crypto";
import { config } from "../config";
import type { DbOrTx } from "../db/client";
import type { OrderStatus } from "../db/generated/client";
import { NotFoundError } from "../errors";
import type { Checkout, CheckoutState, CreateCheckoutInput, PaymentProvider, ProviderRefund } from "./provider";

export type CreateTestProviderOptions = {
  db: DbOrTx;
  /** Base of the product's own checkout page; defaults to APP_URL. */
  appUrl?: string;
};

/** Same input, same id: the ids derive from the idempotency key, so a retried call repeats itself without any state. */
function derivedHex(key: string, length: number): string {
  return createHash("sha256").update(key).digest("hex").slice(0, length);
}

const paid: ReadonlySet<OrderStatus> = new Set(["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);

/**
 * Test mode: no money moves and nothing leaves the building. The checkout is the product's own page
 * (/checkout/test/<id>) and its state is our Order row, so there is nothing to keep in step.
 * Paying is done by payTestCheckout, which runs the same processPaymentEvent a Stripe webhook runs.
 */
export function createTestProvider(options: CreateTestProviderOptions): PaymentProvider {
  const appUrl = (options.appUrl ?? config().APP_URL).replace(/\/+$/, "");

  async function getCheckout(checkoutId: string): Promise<CheckoutState> {
    const order = await options.db.order.findFirst({
      where: { checkoutId, provider: "TEST" },
      select: { id: true, status: true, totalCents: true, currency: true, paymentIntentId: true, checkoutExpiresAt: true },
    });
    if (!order) throw new NotFoundError("We couldn't find that checkout.", "checkout_not_found");
    const isPaid = paid.has(order.status);
    const lapsed = order.status === "PENDING" && order.checkoutExpiresAt !== null && order.checkoutExpiresAt.getTime() <= Date.now();
    return {
      id: checkoutId,
      orderId: order.id,
      status: isPaid ? "complete" : order.status === "PENDING" && !lapsed ? "open" : "expired",
      paymentStatus: isPaid ? "paid" : "unpaid",
      paymentIntentId: order.paymentIntentId,
      amountTotalCents: order.totalCents,
      currency: order.currency,
    };
  }

  return {
    name: "TEST",

    async createCheckout(input: CreateCheckoutInput): Promise<Checkout> {
      const id = `test_cs_${derivedHex(input.idempotencyKey, 32)}`;
      return { id, url: `${appUrl}/checkout/test/${id}`, expiresAt: input.expiresAt };
    },

    getCheckout,

    // Nothing to stop remotely: an unpaid test checkout can't be paid once the order leaves PENDING,
    // which the caller does next. So this only reports: paid stays paid, anything else reads expired.
    async expireCheckout(checkoutId: string): Promise<CheckoutState> {
      const state = await getCheckout(checkoutId);
      return state.status === "complete" ? state : { ...state, status: "expired" };
    },

    async refund(input): Promise<ProviderRefund> {
      return { id: `test_re_${derivedHex(input.idempotencyKey, 24)}`, status: "succeeded", amountCents: input.amountCents };
    },

    // No dashboard and no money: nothing is refunded outside our own records, so they are the total.
    async refundedAmount(input): Promise<number> {
      const order = await options.db.order.findFirst({ where: { paymentIntentId: input.paymentIntentId, provider: "TEST" }, select: { refundedCents: true } });
      return order?.refundedCents ?? 0;
    },
  };
}
