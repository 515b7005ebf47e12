import { runBookingTransaction } from "../booking/run-booking-transaction";
import { queryRows, type Db } from "../db/client";
import { UnavailableError } from "../errors";
import { applyCheckoutPayment } from "./apply-checkout-payment";
import { applyHeldBookingPayment } from "./apply-held-booking-payment";
import { applyUnpaidCheckoutEvent } from "./apply-unpaid-checkout-event";
import { applyProviderRefund } from "./apply-provider-refund";
import { applyRefundUpdate } from "./apply-refund-update";
import { findCheckoutOrder } from "./find-checkout-order";
import { runPaymentEffects, type PaymentEffects } from "./payment-effects";
import type { PaymentEvent, PaymentProvider } from "./provider";
import { releaseUnpaidOrder } from "./release-unpaid-order";

export type PaymentEventOutcome = "applied" | "duplicate" | "ignored";

/**
 * Applies one provider event exactly once. The event id is inserted (ON CONFLICT DO NOTHING) in the
 * same transaction as the state change: a duplicate delivery, even a concurrent one, waits on the
 * unique key until the first commits, then inserts nothing and returns "duplicate" without effects;
 * if the state change fails, the id is rolled back with it and the retry applies it. Emails go only
 * through the outbox; their delivery, reminders and refund jobs are queued after commit.
 *
 * - checkout completed / async payment succeeded: applyPaidOrder (confirmation, late-payment rule);
 * - async payment failed: the order is cancelled and the hold released;
 * - checkout expired: the order expires and the hold is released, unless it is already paid (a late
 *   `expired` never undoes `paid`);
 * - charge refunded: the difference between what the provider holds as refunded now and what we
 *   recorded (a dashboard refund);
 * - one refund created, updated or failed: matched to our refund by its id; a failure takes it back
 *   out of the order (applyRefundUpdate);
 * - anything else: recorded and acknowledged.
 */
export async function processPaymentEvent(options: {
  db: Db;
  provider: PaymentProvider;
  event: PaymentEvent;
  now?: Date;
}): Promise<{ outcome: PaymentEventOutcome }> {
  const { db, provider, event } = options;
  const now = options.now ?? new Date();
  const type = event.type === "ignored" ? event.providerType : event.type;
  const none: PaymentEffects = { messageIds: [], reminders: [], refundIds: [] };

  // The busiest cases each in one atomic statement through the pool (a paid checkout for a live
  // hold; a checkout that expired or failed); everything else, and any deadlock victim, below.
  if (event.type === "checkout.completed" || event.type === "checkout.async_payment_succeeded") {
    const fast = await applyHeldBookingPayment({ db, provider: provider.name, eventId: event.eventId, eventType: type, checkout: event.checkout, now });
    if (fast) {
      await runPaymentEffects(fast.effects, now);
      return { outcome: fast.outcome };
    }
  }
  if (event.type === "checkout.expired" || event.type === "checkout.async_payment_failed") {
    const status = event.type === "checkout.expired" ? "EXPIRED" : "CANCELLED";
    const closed = await applyUnpaidCheckoutEvent({ db, provider: provider.name, eventId: event.eventId, eventType: type, checkout: event.checkout, status, now });
    if (closed) return closed;
  }

  // A delivery of an event already committed is answered from one indexed read, without a
  // transaction; one still in flight is caught by the key below.
  const [seen] = await queryRows<{ id: string }>(db, "SELECT id FROM payment_events WHERE id = $1", [event.eventId]);
  if (seen) return { outcome: "duplicate" };

  // charge.refunded's total is a snapshot from when Stripe sent it; delivered late (a retry after our
  // 503, a redelivery after an outage), it can still count a refund that has failed since. So the
  // total is read as it stands now, before the transaction (no row lock is held over a network call).
  const refundedNow = event.type === "charge.refunded" ? await currentRefundedAmount(provider, event.paymentIntentId) : 0;

  const result = await runBookingTransaction(db, async (tx): Promise<{ outcome: PaymentEventOutcome; effects: PaymentEffects }> => {
    const inserted = await tx.$executeRaw`INSERT INTO payment_events (id, type, received_at) VALUES (${event.eventId}, ${type}, ${now}) ON CONFLICT (id) DO NOTHING`;
    if (inserted === 0) return { outcome: "duplicate", effects: none };

    switch (event.type) {
      case "checkout.completed":
      case "checkout.async_payment_succeeded":
        return applyCheckoutPayment({ tx, provider: provider.name, checkout: event.checkout, now });
      case "checkout.async_payment_failed":
      case "checkout.expired": {
        const order = await findCheckoutOrder({ db: tx, checkout: event.checkout });
        // Only the order's own checkout may close it: an older checkout of the same order expiring says nothing about the current one.
        if (!order || order.provider !== provider.name || (order.checkoutId !== null && order.checkoutId !== event.checkout.id)) {
          return { outcome: "ignored", effects: none };
        }
        const status = event.type === "checkout.expired" ? "EXPIRED" : "CANCELLED";
        const closed = await releaseUnpaidOrder({ tx, orderId: order.id, status, now });
        return { outcome: closed ? "applied" : "ignored", effects: none };
      }
      case "charge.refunded":
        return applyProviderRefund({ tx, paymentIntentId: event.paymentIntentId, amountRefundedCents: refundedNow, now });
      case "refund.updated":
        return applyRefundUpdate({ tx, refund: event.refund });
      case "ignored":
        return { outcome: "ignored", effects: none };
    }
  });

  await runPaymentEffects(result.effects, now);
  return { outcome: result.outcome };
}

/** The payment's refunded total from the provider; unreachable, the event is answered 503 and Stripe delivers it again. */
async function currentRefundedAmount(provider: PaymentProvider, paymentIntentId: string): Promise<number> {
  try {
    return await provider.refundedAmount({ paymentIntentId });
  } catch (error) {
    console.error(`[payments] could not ask the provider what payment ${paymentIntentId} has refunded: ${error instanceof Error ? error.message : String(error)}`);
    throw new UnavailableError("The payment provider couldn't be asked what this payment has refunded. Please retry.", "provider_unavailable");
  }
}
