import { runBookingTransaction } from "../booking/run-booking-transaction";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { applyCheckoutPayment } from "./apply-checkout-payment";
import { getCheckoutSummary, type CheckoutSummary } from "./get-checkout-summary";
import { runPaymentEffects } from "./payment-effects";
import type { CheckoutState, PaymentProvider } from "./provider";
import { releaseUnpaidOrder } from "./release-unpaid-order";

/**
 * The cancel page: the buyer chose not to pay. The checkout is expired at the provider first, so it
 * can't be paid afterwards; then the order is CANCELLED, its hold released and the held-back emails
 * discarded. If the provider says it was paid after all, the payment is applied instead. Idempotent:
 * a closed or paid order is left as it is. When the provider can't be reached, the hold is still
 * released: a payment that goes through anyway is handled by the late-payment rule.
 */
export async function cancelCheckout(options: { db: Db; provider: PaymentProvider; checkoutId: string; now?: Date }): Promise<CheckoutSummary> {
  const { db, provider, checkoutId } = options;
  const now = options.now ?? new Date();
  const order = await db.order.findUnique({ where: { checkoutId }, select: { id: true, status: true, provider: true } });
  if (!order) return getCheckoutSummary({ db, checkoutId });
  if (order.status !== "PENDING") return getCheckoutSummary({ db, checkoutId });

  let checkout: CheckoutState | null = null;
  if (order.provider === provider.name) {
    try {
      checkout = await provider.expireCheckout(checkoutId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) {
        console.error(`[payments] could not expire checkout ${checkoutId} (${error instanceof Error ? error.message : String(error)}); releasing the hold anyway`);
      }
    }
  }
  const paid = checkout !== null && checkout.paymentStatus !== "unpaid";
  const { effects } = await runBookingTransaction(db, async (tx) => {
    if (paid && checkout) return applyCheckoutPayment({ tx, provider: provider.name, checkout, now });
    await releaseUnpaidOrder({ tx, orderId: order.id, status: "CANCELLED", now });
    return { effects: { messageIds: [], reminders: [], refundIds: [] } };
  });
  await runPaymentEffects(effects, now);
  return getCheckoutSummary({ db, checkoutId });
}
