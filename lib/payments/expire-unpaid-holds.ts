import { runBookingTransaction } from "../booking/run-booking-transaction";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { applyCheckoutPayment } from "./apply-checkout-payment";
import { runPaymentEffects } from "./payment-effects";
import type { CheckoutState, PaymentProvider } from "./provider";
import { releaseUnpaidOrder } from "./release-unpaid-order";

const BATCH = 100;

/**
 * The every-minute job: PENDING orders whose time is up (the checkout's expiry passed, or their
 * booking's hold lapsed or was released by a competing booking) are expired at the provider and
 * then closed (order EXPIRED, hold released, held-back emails discarded). When the provider says
 * the checkout was paid in the meantime, the payment is applied instead. A provider that can't be
 * reached leaves the order for the next run. Only this provider's orders: the worker runs it once
 * per provider it can reach. Returns how many orders were closed.
 */
export async function expireUnpaidHolds(options: { db: Db; provider: PaymentProvider; now?: Date }): Promise<number> {
  const { db, provider } = options;
  const now = options.now ?? new Date();
  const due = await db.order.findMany({
    where: {
      status: "PENDING",
      provider: provider.name,
      OR: [
        { checkoutExpiresAt: { lte: now } },
        { items: { some: { booking: { OR: [{ status: "HELD", holdExpiresAt: { lte: now } }, { status: { in: ["EXPIRED", "CANCELLED"] } }] } } } },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: BATCH,
    select: { id: true, checkoutId: true },
  });

  let closed = 0;
  for (const order of due) {
    let checkout: CheckoutState | null = null;
    if (order.checkoutId) {
      try {
        checkout = await provider.expireCheckout(order.checkoutId);
      } catch (error) {
        if (!(error instanceof NotFoundError)) {
          console.error(`[payments] could not expire checkout ${order.checkoutId} (${error instanceof Error ? error.message : String(error)}); trying again next run`);
          continue;
        }
      }
    }
    const paid = checkout !== null && checkout.paymentStatus !== "unpaid";
    const result = await runBookingTransaction(db, async (tx) => {
      if (paid && checkout) return { closed: false, ...(await applyCheckoutPayment({ tx, provider: provider.name, checkout, now })) };
      const released = await releaseUnpaidOrder({ tx, orderId: order.id, status: "EXPIRED", now });
      return { closed: released, effects: { messageIds: [], reminders: [], refundIds: [] } };
    });
    if (result.closed) closed++;
    await runPaymentEffects(result.effects, now);
  }
  return closed;
}
