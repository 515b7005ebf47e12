import { randomBytes } from "node:crypto";
import { config, type Config } from "../config";
import type { Db } from "../db/client";
import { NotFoundError, RuleViolationError } from "../errors";
import { cancelCheckout } from "./cancel-checkout";
import { checkoutReturnUrls } from "./checkout-return-urls";
import { testPaymentsAllowed } from "./get-payment-provider";
import { processPaymentEvent } from "./process-payment-event";
import type { PaymentEvent } from "./provider";
import { createTestProvider } from "./test-provider";

/**
 * The "Pay (test)" button of the test-mode checkout page. It builds the event a provider would
 * send (checkout.completed, event id `test_evt_<hex>`) and hands it to the very processPaymentEvent
 * the Stripe webhook uses, so test mode exercises the real fulfilment path. A paid order just sends
 * the buyer on to the success page; a checkout that was cancelled or ran out can't be paid, like a
 * Stripe session.
 */
export async function payTestCheckout(options: { db: Db; checkoutId: string; now?: Date; config?: Config }): Promise<{ redirectUrl: string }> {
  const { db, checkoutId } = options;
  const now = options.now ?? new Date();
  const order = await db.order.findUnique({
    where: { checkoutId },
    select: { id: true, status: true, provider: true, totalCents: true, currency: true, checkoutExpiresAt: true },
  });
  if (!order || order.provider !== "TEST") {
    throw new NotFoundError("We couldn't find that test checkout. The link may be incomplete or from an earlier session.", "checkout_not_found");
  }
  const { successUrl } = checkoutReturnUrls({ orderId: order.id, checkoutId });
  if (order.status === "PAID" || order.status === "PARTIALLY_REFUNDED" || order.status === "REFUNDED") return { redirectUrl: successUrl };
  if (order.status !== "PENDING" || (order.checkoutExpiresAt && order.checkoutExpiresAt <= now)) {
    throw new RuleViolationError(
      "checkout_closed",
      "This checkout has closed, so nothing was charged and the time it held has been released. You're welcome to choose a time again from the booking page.",
    );
  }
  if (!testPaymentsAllowed(options.config ?? config())) {
    // It can never be paid now: let its time go at once rather than at the end of the hold.
    await cancelCheckout({ db, provider: createTestProvider({ db }), checkoutId, now });
    throw new RuleViolationError(
      "test_payments_off",
      "Test payments have been switched off on this site, so this test checkout can't be paid. Nothing was charged and any time it held has been released. You're welcome to book again from the booking page.",
    );
  }
  const event: PaymentEvent = {
    eventId: `test_evt_${randomBytes(16).toString("hex")}`,
    type: "checkout.completed",
    checkout: {
      id: checkoutId,
      orderId: order.id,
      status: "complete",
      paymentStatus: "paid",
      paymentIntentId: `test_pi_${randomBytes(16).toString("hex")}`,
      amountTotalCents: order.totalCents,
      currency: order.currency.toLowerCase(),
    },
  };
  await processPaymentEvent({ db, provider: createTestProvider({ db }), event, now });
  return { redirectUrl: successUrl };
}
