import { runBookingTransaction } from "../booking/run-booking-transaction";
import type { Db } from "../db/client";
import { applyCheckoutPayment } from "./apply-checkout-payment";
import { getCheckoutSummary, type CheckoutSummary } from "./get-checkout-summary";
import { runPaymentEffects } from "./payment-effects";
import type { PaymentProvider } from "./provider";

/**
 * The success page's call: while the order is not yet recorded as paid, asks the provider where the
 * checkout stands and, if it is paid, applies it through the same code as the webhook (no event
 * row: the order's conditional update is what makes it once). A slow webhook therefore never leaves
 * the client waiting. A provider that can't be reached is not an error here: the page keeps saying
 * "confirming your payment" and the webhook or the next refresh settles it.
 */
export async function syncCheckout(options: { db: Db; provider: PaymentProvider; checkoutId: string; now?: Date }): Promise<CheckoutSummary> {
  const { db, provider, checkoutId } = options;
  const now = options.now ?? new Date();
  const order = await db.order.findUnique({ where: { checkoutId }, select: { status: true, provider: true } });
  if (order && order.provider === provider.name && (order.status === "PENDING" || order.status === "CANCELLED" || order.status === "EXPIRED")) {
    try {
      const checkout = await provider.getCheckout(checkoutId);
      if (checkout.paymentStatus !== "unpaid") {
        const { effects } = await runBookingTransaction(db, (tx) => applyCheckoutPayment({ tx, provider: provider.name, checkout, now }));
        await runPaymentEffects(effects, now);
      }
    } catch (error) {
      console.error(`[payments] could not ask the provider about checkout ${checkoutId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return getCheckoutSummary({ db, checkoutId });
}
