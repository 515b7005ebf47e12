import { bookingSelect, coachProfile, type CoachProfile } from "../booking/booking-data";
import { expireStaleHolds } from "../booking/expire-stale-holds";
import { loadSlotEngineInput } from "../booking/load-slot-engine-input";
import { lockCoachDate } from "../booking/lock-coach-date";
import { slotUnavailableError } from "../booking/slot-unavailable-error";
import { config } from "../config";
import type { Tx } from "../db/client";
import { enqueueEmail } from "../email/enqueue-email";
import { latePaymentRefundedEmail } from "../email/templates/late-payment-refunded";
import { paymentReceiptEmail } from "../email/templates/payment-receipt";
import { isSlotAvailable } from "../scheduling/is-slot-available";
import { grantEntitlements } from "../shop/grant-entitlements";
import { librarySignInLinks, type LibraryLinks } from "../shop/library-sign-in-link";
import { discardWaitingEmails } from "./discard-waiting-emails";
import { orderWaitingKey } from "./order-waiting-key";
import type { PaymentEffects } from "./payment-effects";
import { releaseWaitingEmails } from "./release-waiting-emails";
import { requestRefund } from "./request-refund";

const paidOrderSelect = {
  id: true,
  email: true,
  currency: true,
  totalCents: true,
  refundedCents: true,
  provider: true,
  couponId: true,
} as const;

/**
 * The one path by which money received becomes a paid order, for the webhook, the success page,
 * the cancel page, the hold sweep and test mode alike. Inside the caller's transaction:
 *
 * 1. The order moves to PAID by one conditional UPDATE from PENDING (or CANCELLED/EXPIRED: money
 *    moved, so it is recorded whatever the checkout's fate). Only the call that moves it goes on;
 *    every other call (a duplicate, the success page racing the webhook) returns applied: false.
 * 2. Its booking goes HELD → CONFIRMED. When the hold had lapsed, the booking is confirmed only if
 *    the booking page would still offer its time (the slot engine, so time off, overrides and the
 *    daily cap added since count too), decided under the coach-date lock that every booking insert
 *    takes, with the overlap test in the UPDATE itself; otherwise the order stays paid, a full refund
 *    (LATE_PAYMENT) is requested and the client gets one kind email with the nearest free times.
 * 3. The confirmation emails held back for the order are released, and a receipt is written.
 *
 * Lock order: the order row, then the coach's date, then bookings (as in every payment path).
 */
export async function applyPaidOrder(options: {
  tx: Tx;
  orderId: string;
  paymentIntentId: string | null;
  now: Date;
}): Promise<{ applied: boolean; effects: PaymentEffects }> {
  const { tx, orderId, now } = options;
  const effects: PaymentEffects = { messageIds: [], reminders: [], refundIds: [] };
  const paid = { status: "PAID", paidAt: now, closedAt: null, updatedAt: now, ...(options.paymentIntentId ? { paymentIntentId: options.paymentIntentId } : {}) } as const;
  let [order] = await tx.order.updateManyAndReturn({ where: { id: orderId, status: "PENDING" }, data: paid, select: paidOrderSelect });
  if (!order) {
    // Paid after it had closed unpaid: recorded all the same. The use of its discount code, given
    // back when it closed (releaseUnpaidOrder), counts again: the buyer did get the discount.
    [order] = await tx.order.updateManyAndReturn({ where: { id: orderId, status: { in: ["CANCELLED", "EXPIRED"] } }, data: paid, select: paidOrderSelect });
    // Capped at the maximum: the money has moved either way, and the count never claims more uses than allowed.
    if (order?.couponId) {
      await tx.$executeRaw`UPDATE coupons SET redemption_count = LEAST(redemption_count + 1, COALESCE(max_redemptions, redemption_count + 1)) WHERE id = ${order.couponId}`;
    }
  }
  if (!order) return { applied: false, effects };
  const items = await tx.orderItem.findMany({
    where: { orderId },
    orderBy: { id: "asc" },
    select: { title: true, quantity: true, totalCents: true, kind: true, bookingId: true },
  });

  let timeZone = "UTC";
  let next: string | undefined;
  const bookingId = items.find((item) => item.kind === "BOOKING")?.bookingId;
  if (bookingId) {
    const { booking, coach, confirmed } = await confirmPaidBooking({ tx, bookingId, now });
    timeZone = booking.clientTimeZone;
    if (confirmed) {
      effects.messageIds.push(...(await releaseWaitingEmails({ tx, waitingFor: orderWaitingKey(orderId), now })));
      effects.reminders.push({ bookingId, startsAt: booking.startsAt, offsetsMinutes: coach.reminderOffsetsMinutes });
      next = "Your booking confirmation, with the calendar file and your link to reschedule or cancel, comes in a separate email.";
      await audit(tx, "booking.paid", bookingId, { orderId });
    } else {
      await discardWaitingEmails({ tx, waitingFor: orderWaitingKey(orderId) });
      const amountCents = order.totalCents - order.refundedCents;
      if (amountCents > 0) {
        const { refundId } = await requestRefund({
          tx,
          orderId,
          amountCents,
          origin: "LATE_PAYMENT",
          reason: booking.status === "CANCELLED" ? "The booking was closed before the payment arrived" : "The time was no longer available when the payment arrived",
        });
        effects.refundIds.push(refundId);
      }
      const unavailable = await slotUnavailableError({ db: tx, sessionType: booking.sessionType, coach, requestedStart: booking.startsAt, now });
      const alternatives = (unavailable.details.alternatives as Array<{ start: string }>).map((slot) => new Date(slot.start));
      const email = latePaymentRefundedEmail({
        sessionTitle: booking.sessionType.title,
        start: booking.startsAt,
        client: { name: booking.clientName, email: booking.clientEmail, timeZone: booking.clientTimeZone },
        coach: { name: coach.name, email: coach.email, timeZone: coach.timeZone },
        amountCents: order.totalCents,
        currency: order.currency,
        alternatives,
        bookAgainUrl: `${config().APP_URL}/book/${booking.sessionType.slug}`,
        slotTaken: booking.status !== "CANCELLED",
        testMode: order.provider === "TEST",
      });
      effects.messageIds.push((await enqueueEmail(tx, { ...email, to: order.email, template: "late-payment-refunded" })).id);
      await audit(tx, "booking.late_payment_refunded", bookingId, { orderId, amountCents });
      // The kind email already says the payment arrived and went back: no receipt on top of it.
      return { applied: true, effects };
    }
  }

  // Fulfilment: here, after the one PENDING → PAID transition, so entitlements are granted exactly once.
  let library: LibraryLinks | undefined;
  if (items.some((item) => item.kind === "PRODUCT")) {
    const { granted } = await grantEntitlements({ tx, orderId, now });
    if (granted > 0) library = await librarySignInLinks({ tx, email: order.email, now });
  }

  const receipt = paymentReceiptEmail({
    orderId,
    items,
    totalCents: order.totalCents,
    currency: order.currency,
    paidAt: now,
    timeZone,
    testMode: order.provider === "TEST",
    next,
    library,
  });
  effects.messageIds.push((await enqueueEmail(tx, { ...receipt, to: order.email, template: "payment-receipt" })).id);
  return { applied: true, effects };
}

/**
 * HELD → CONFIRMED for a paid booking. The quick path needs no lock: an unexpired hold already
 * owns its time in the exclusion constraint. A lapsed hold (or one that a competing booking just
 * expired) takes the coach-date lock, expires stale holds on its range and is confirmed only if the
 * slot engine, with the booking itself left out, would offer its start now, as rescheduleBooking
 * checks a new time (minimum notice aside). The UPDATE still tests the stored ranges against every other booking: the
 * exclusion constraint judges those, and a violation would undo the payment's whole transaction.
 */
async function confirmPaidBooking(options: { tx: Tx; bookingId: string; now: Date }) {
  const { tx, bookingId, now } = options;
  const booking = await tx.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: { ...bookingSelect, coachId: true, blockedFrom: true, blockedUntil: true },
  });
  const coach: CoachProfile = coachProfile(booking.sessionType.coach);
  if (booking.status === "CONFIRMED" || booking.status === "COMPLETED" || booking.status === "NO_SHOW") return { booking, coach, confirmed: true };
  if (booking.status === "CANCELLED") return { booking, coach, confirmed: false };

  if (booking.status === "HELD" && booking.holdExpiresAt && booking.holdExpiresAt > now) {
    const { count } = await tx.booking.updateMany({
      where: { id: bookingId, status: "HELD", holdExpiresAt: { gt: now } },
      data: { status: "CONFIRMED", updatedAt: now },
    });
    if (count === 1) return { booking, coach, confirmed: true };
  }

  await lockCoachDate({ tx, coachId: booking.coachId, coachTimeZone: coach.timeZone, start: booking.startsAt });
  await expireStaleHolds({ tx, coachId: booking.coachId, from: booking.blockedFrom, until: booking.blockedUntil, now });
  // Minimum notice is left out: the client chose the time when it was far enough ahead, and a slow
  // payment should not turn that against them. A session that has started is still refused.
  const rules = { ...booking.sessionType, minimumNoticeMinutes: 0 };
  const input = await loadSlotEngineInput({ db: tx, sessionType: rules, coach, from: booking.startsAt, to: booking.endsAt, now, excludeBookingId: bookingId });
  if (!isSlotAvailable(input, booking.startsAt)) return { booking, coach, confirmed: false };
  const confirmed = await tx.$queryRaw<Array<{ id: string }>>`
    UPDATE bookings AS b SET status = 'CONFIRMED', updated_at = ${now}
     WHERE b.id = ${bookingId}
       AND b.status IN ('HELD', 'EXPIRED')
       AND b.starts_at > ${now}
       AND NOT EXISTS (
         SELECT 1 FROM bookings AS other
          WHERE other.coach_id = b.coach_id
            AND other.id <> b.id
            AND (other.status = 'CONFIRMED' OR (other.status = 'HELD' AND other.hold_expires_at > ${now}))
            AND other.blocked_from < b.blocked_until
            AND other.blocked_until > b.blocked_from)
    RETURNING b.id`;
  return { booking, coach, confirmed: confirmed.length === 1 };
}

async function audit(tx: Tx, action: string, bookingId: string, data: Record<string, string | number>) {
  await tx.auditLog.create({ data: { action, entityType: "Booking", entityId: bookingId, data } });
}
