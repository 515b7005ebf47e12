import { bookingSelect, coachProfile } from "../booking/booking-data";
import { enqueueBookingEmails } from "../booking/enqueue-booking-emails";
import type { Tx } from "../db/client";
import { revokeEntitlements } from "../shop/revoke-entitlements";
import { UnavailableError } from "../errors";
import { enqueueRefundIssuedEmail } from "./enqueue-refund-email";
import { lockOrder } from "./lock-order";
import type { PaymentEffects } from "./payment-effects";
import { MAX_REFUND_ATTEMPTS } from "./execute-refund";
import { refundedStatus } from "./refunded-status";

/**
 * How long one of our PENDING refunds holds charge.refunded back. A running worker settles every
 * refund well within it: it is sent at once, retried with backoff, and the sweep sends it again every
 * five minutes, so its 20 attempts are spent (FAILED, the coach emailed) within about 100 minutes.
 * Older than this, nobody is answering it (no worker has run), and waiting longer would only let
 * Stripe's three days of retries run out.
 */
const IN_FLIGHT_MS = 3 * 60 * 60_000;

/**
 * Stripe's charge.refunded: `amountRefundedCents` is everything refunded on the payment, read from
 * the provider as it stands now (not the event's snapshot, which a late delivery could carry from
 * before a refund failed). Our own refunds are already in refundedCents (they are recorded before
 * the provider is asked, and taken out again if they fail), so only the difference is new: a refund
 * made in Stripe's dashboard. It is recorded SUCCEEDED (origin PROVIDER_DASHBOARD) with the buyer's
 * refund email, without Stripe's refund id (the charge doesn't carry its refunds on our API
 * version): the refund's own events add it (applyRefundUpdate). While one of ours is in flight (see
 * IN_FLIGHT_MS), a total above what the provider is known to hold can't be told apart from it, so
 * the event is answered "retry later" (503) until it can. When the refund completes a full refund of
 * a booking that is still upcoming and CONFIRMED, the booking is cancelled as if by the coach, with
 * the usual emails, and the order's entitlements are revoked. The order row is locked first, so two
 * events for one charge queue up and the second finds no difference left: either way, once.
 */
export async function applyProviderRefund(options: {
  tx: Tx;
  paymentIntentId: string;
  amountRefundedCents: number;
  now: Date;
}): Promise<{ outcome: "applied" | "ignored"; effects: PaymentEffects }> {
  const { tx, now } = options;
  const effects: PaymentEffects = { messageIds: [], reminders: [], refundIds: [] };
  const orderId = await lockOrder(tx, { paymentIntentId: options.paymentIntentId });
  if (!orderId) return { outcome: "ignored", effects };
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { status: true, email: true, currency: true, totalCents: true, refundedCents: true, provider: true, items: { select: { title: true, kind: true, bookingId: true } } },
  });
  if (order.status === "PENDING" || order.status === "CANCELLED" || order.status === "EXPIRED") {
    // The payment itself has not been recorded yet (its event is late or still in flight). Failing
    // rolls back the event row too, so Stripe delivers this again once the payment is in.
    throw new UnavailableError("This refund can't be recorded until the payment it refunds has been recorded. Please retry.", "payment_not_recorded");
  }
  // Our refunds in flight may or may not be in Stripe's total yet, so while there are any, a total
  // above what the provider is known to hold can't be read: it is answered "retry later" (rolled
  // back, so Stripe delivers it again) until they are answered. Read too early, a dashboard refund
  // made while one of ours waits would be lost once ours is refused (decision 013). A PENDING refund
  // no worker is answering any more is counted as held (as refundedCents does): Stripe's retries
  // end after three days, and a total is never read as more new money than is certain.
  const inFlight = { orderId, status: "PENDING", attempts: { lt: MAX_REFUND_ATTEMPTS }, createdAt: { gt: new Date(now.getTime() - IN_FLIGHT_MS) } } as const;
  const waiting = await tx.refund.aggregate({ where: inFlight, _sum: { amountCents: true } });
  const waitingCents = waiting._sum.amountCents ?? 0;
  if (options.amountRefundedCents <= order.refundedCents - waitingCents) return { outcome: "ignored", effects };
  if (waitingCents > 0) {
    throw new UnavailableError("This refund can't be matched yet: a refund of this order is still waiting for the payment provider's answer. Please retry.", "refund_in_flight");
  }
  const amountCents = Math.min(options.amountRefundedCents - order.refundedCents, order.totalCents - order.refundedCents);
  if (amountCents <= 0) return { outcome: "ignored", effects };

  await tx.refund.create({ data: { orderId, amountCents, origin: "PROVIDER_DASHBOARD", status: "SUCCEEDED", reason: "Refunded in the Stripe dashboard" } });
  const refundedCents = order.refundedCents + amountCents;
  await tx.order.update({ where: { id: orderId }, data: { refundedCents, status: refundedStatus(refundedCents, order.totalCents), updatedAt: now } });
  effects.messageIds.push(await enqueueRefundIssuedEmail(tx, { orderId, order, amountCents, refundedCents }));
  await tx.auditLog.create({ data: { action: "order.refunded_by_provider", entityType: "Order", entityId: orderId, data: { amountCents, refundedCents } } });

  const bookingId = order.items.find((item) => item.kind === "BOOKING")?.bookingId;
  if (bookingId && refundedCents >= order.totalCents) effects.messageIds.push(...(await cancelRefundedBooking({ tx, bookingId, now })));
  // A full refund takes back what the order gave (downloads, a course); a partial one never does.
  if (refundedCents >= order.totalCents) await revokeEntitlements({ tx, orderId, reason: "Refunded in full", now });
  return { outcome: "applied", effects };
}

/** Cancels an upcoming confirmed booking whose payment was refunded in full, as the coach; emails both sides. */
async function cancelRefundedBooking(options: { tx: Tx; bookingId: string; now: Date }): Promise<string[]> {
  const { tx, bookingId, now } = options;
  const current = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { sessionType: { select: { coach: { select: bookingSelect.sessionType.select.coach.select } } } } });
  const coach = coachProfile(current.sessionType.coach);
  const reason = `Refunded by ${coach.name}`;
  const [cancelled] = await tx.booking.updateManyAndReturn({
    where: { id: bookingId, status: "CONFIRMED", startsAt: { gt: now } },
    data: { status: "CANCELLED", cancelledAt: now, cancelledBy: "COACH", cancelReason: reason, sequence: { increment: 1 }, updatedAt: now },
    select: bookingSelect,
  });
  if (!cancelled) return [];
  // No quoted message: the coach didn't write one (the reason is for the record); the refund email says what happened to the money.
  const ids = await enqueueBookingEmails({ tx, change: { kind: "cancelled", cancelledBy: "COACH" }, booking: cancelled, sessionType: cancelled.sessionType, coach, now });
  await tx.auditLog.create({ data: { action: "booking.cancelled", entityType: "Booking", entityId: bookingId, data: { by: "COACH", reason, refund: "PROVIDER_DASHBOARD" } } });
  return ids;
}
