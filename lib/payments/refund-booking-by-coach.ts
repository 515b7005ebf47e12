import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import { runBookingTransaction } from "../booking/run-booking-transaction";
import type { Db } from "../db/client";
import { deliverSoon } from "../email/deliver-soon";
import { InvalidInputError, NotFoundError, RuleViolationError } from "../errors";
import { requestRefund } from "./request-refund";
import { sendRefundJobs } from "./send-refund-jobs";

export const MAX_REFUND_REASON_LENGTH = 2_000;

/**
 * The coach refunds a paid booking, in full (no amount) or in part, from the back office. Only her
 * own bookings: the ownership test is in the query, so another coach's booking id is simply not
 * found. The refund is recorded (requestRefund: order row locked, amount checked against what is
 * left) and committed before the provider is asked; the buyer's email goes through the outbox. The
 * booking itself is left as it is: cancelling is a separate decision.
 */
export async function refundBookingByCoach(options: {
  db: Db;
  actor: CurrentUser | null;
  bookingId: string;
  amountCents?: number;
  reason?: string;
}): Promise<{ refundId: string; amountCents: number; currency: string }> {
  const { db, actor, bookingId } = options;
  assertCoach(actor);
  const reason = options.reason?.trim() || undefined;
  if (reason && reason.length > MAX_REFUND_REASON_LENGTH) {
    throw new InvalidInputError("Some details need another look.", {
      reason: `Please keep the note under ${MAX_REFUND_REASON_LENGTH.toLocaleString("en-GB")} characters.`,
    });
  }
  if (options.amountCents !== undefined && (!Number.isInteger(options.amountCents) || options.amountCents <= 0)) {
    throw new InvalidInputError("Some details need another look.", { amountCents: "Please enter an amount above zero, or leave it empty for a full refund." });
  }

  const item = await db.orderItem.findFirst({
    where: { bookingId, kind: "BOOKING", booking: { coachId: actor.id } },
    select: { orderId: true },
  });
  if (!item) {
    const booking = await db.booking.findFirst({ where: { id: bookingId, coachId: actor.id }, select: { id: true } });
    if (!booking) throw new NotFoundError("That booking doesn't exist (any more).", "booking_not_found");
    throw new RuleViolationError("order_not_paid", "This booking has no payment, so there's nothing to refund.");
  }

  const result = await runBookingTransaction(db, async (tx) => {
    let amountCents = options.amountCents;
    if (amountCents === undefined) {
      const order = await tx.order.findUniqueOrThrow({ where: { id: item.orderId }, select: { totalCents: true, refundedCents: true } });
      amountCents = order.totalCents - order.refundedCents;
      if (amountCents <= 0) {
        throw new RuleViolationError("refund_too_large", "This booking has already been refunded in full, so there's nothing more to refund.", { maxCents: 0 });
      }
    }
    const { refundId, messageIds } = await requestRefund({ tx, orderId: item.orderId, amountCents, origin: "COACH", reason, note: reason });
    const { currency } = await tx.order.findUniqueOrThrow({ where: { id: item.orderId }, select: { currency: true } });
    await tx.auditLog.create({
      data: { actorId: actor.id, action: "booking.refunded", entityType: "Booking", entityId: bookingId, data: { refundId, amountCents, ...(reason ? { reason } : {}) } },
    });
    return { refundId, amountCents, currency, messageIds };
  });

  await deliverSoon(result.messageIds);
  await sendRefundJobs([result.refundId]);
  return { refundId: result.refundId, amountCents: result.amountCents, currency: result.currency };
}
