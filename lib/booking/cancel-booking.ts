import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { Db, Tx } from "../db/client";
import { deliverSoon } from "../email/deliver-soon";
import { ConflictError, InvalidInputError, NotFoundError, RuleViolationError } from "../errors";
import { formatMoney } from "../payments/format-money";
import { lockOrder } from "../payments/lock-order";
import { requestRefund } from "../payments/request-refund";
import { sendRefundJobs } from "../payments/send-refund-jobs";
import { ACTIVE_STATUSES, bookingSelect, coachProfile, type BookingRow } from "./booking-data";
import { cancellationRefund, isPaidOrder } from "./cancellation-refund";
import { changeWindow } from "./change-window";
import { enqueueBookingEmails } from "./enqueue-booking-emails";
import { findManagedBookingRow } from "./find-managed-booking-row";
import { runBookingTransaction } from "./run-booking-transaction";

export const MAX_REASON_LENGTH = 2_000;

/**
 * Cancels a booking, by the client's manage token (only while the change window is open) or by id
 * for the coach (any time before the session ends). One conditional UPDATE (still HELD or
 * CONFIRMED, still at the start that was checked) makes a double submit harmless: the second call
 * finds it CANCELLED and returns the same answer without sending anything. Both sides get an email
 * with a METHOD:CANCEL calendar file (same UID, SEQUENCE + 1).
 *
 * A paid booking is refunded in the same transaction (cancellationRefund decides how much): in full
 * within the window or when the coach cancels; after the cutoff the client may still cancel until
 * the session starts and gets the coach's late-cancellation percentage (0 means no refund row).
 * The refund row is committed before the provider is called (sendRefundJobs, after commit).
 * `expectedRefundCents` is the amount the client was shown: if it no longer holds (the cutoff passed
 * while the page was open), nothing changes and a ConflictError says so.
 */
export async function cancelBooking(options: {
  db: Db;
  token?: string;
  bookingId?: string;
  actor?: CurrentUser | null;
  /** The coach's message to the client, or the client's note to the coach. */
  reason?: string;
  /** The refund the client was shown before confirming, in minor units. */
  expectedRefundCents?: number;
  now?: Date;
}): Promise<{ id: string; status: "CANCELLED"; refund?: { amountCents: number; currency: string } }> {
  const { db } = options;
  const now = options.now ?? new Date();
  const reason = options.reason?.trim() || undefined;
  if (reason && reason.length > MAX_REASON_LENGTH) {
    throw new InvalidInputError("Some details need another look.", {
      reason: `Please keep the message under ${MAX_REASON_LENGTH.toLocaleString("en-GB")} characters.`,
    });
  }

  const { booking, cancelledBy } = await findCancellable(options);
  const cancelled = { id: booking.id, status: "CANCELLED" } as const;
  if (booking.status === "CANCELLED") return cancelled;
  const coach = coachProfile(booking.sessionType.coach);
  const window = changeWindow({ booking, cancellationCutoffHours: coach.cancellationCutoffHours, now });
  if (!window.holdsItsTime) {
    throw new RuleViolationError(
      "booking_not_active",
      booking.status === "COMPLETED" || booking.status === "NO_SHOW"
        ? "This session has already taken place, so there's nothing to cancel."
        : "This booking was never completed, so there's nothing to cancel: the time is already free.",
    );
  }
  const payment = await findPayment(db, booking);
  if (payment.order?.status === "PENDING") {
    throw new RuleViolationError(
      "payment_in_progress",
      cancelledBy === "CLIENT"
        ? "This booking is still waiting for its payment. To let the time go, choose “Cancel and go back” on the payment page, or simply leave it: nothing is charged, and the time is released on its own when the hold runs out."
        : "This booking is still waiting for the client's payment. If it isn't paid, the time is released on its own when the hold runs out; once it is paid you can cancel it here with a full refund.",
    );
  }
  const paid = isPaidOrder(payment.order);
  // A paid session may still be cancelled after the cutoff (the policy decides the refund), until it starts.
  const lateButAllowed = paid && booking.status === "CONFIRMED" && booking.startsAt > now;
  if (cancelledBy === "CLIENT" && !window.open && !lateButAllowed) {
    throw new RuleViolationError(
      "change_window_closed",
      booking.startsAt <= now
        ? `This session has already started, so it can't be cancelled online any more. If something came up, please reply to your confirmation email or write to ${coach.name} at ${coach.email}.`
        : `Your session is less than ${coach.cancellationCutoffHours} hours away, so it can't be cancelled online any more. Please reply to your confirmation email or write to ${coach.name} at ${coach.email}; that's completely fine, and ${coach.name} will sort it out with you.`,
    );
  }
  if (cancelledBy === "COACH" && booking.endsAt <= now) {
    throw new RuleViolationError("session_over", "This session has already ended, so it can't be cancelled. You can mark it completed or a no-show instead.");
  }

  const outcome = await runBookingTransaction(db, async (tx) => {
    // The order first (the same order of locks as a refund), so the amount is decided on a settled row.
    const order = payment.order ? await lockAndReadOrder(tx, payment.order.id) : null;
    const refund = cancellationRefund({
      order,
      cancelledBy,
      withinWindow: window.open,
      lateCancellationRefundPercent: payment.lateCancellationRefundPercent,
    });
    if (options.expectedRefundCents !== undefined && options.expectedRefundCents !== refund.amountCents) {
      throw new ConflictError(
        "refund_changed",
        order
          ? `The refund for cancelling has changed since this page was opened: it is now ${formatMoney(refund.amountCents, order.currency)}. Nothing was cancelled. Please look at the page again before deciding.`
          : "The refund for cancelling has changed since this page was opened. Nothing was cancelled. Please look at the page again before deciding.",
      );
    }
    const [updated] = await tx.booking.updateManyAndReturn({
      where: { id: booking.id, status: { in: [...ACTIVE_STATUSES] }, startsAt: booking.startsAt },
      data: { status: "CANCELLED", cancelledAt: now, cancelledBy, cancelReason: reason ?? null, sequence: { increment: 1 }, updatedAt: now },
      select: bookingSelect,
    });
    if (!updated) return null;
    const ids = await enqueueBookingEmails({
      tx,
      change: { kind: "cancelled", cancelledBy, message: reason },
      booking: updated,
      sessionType: updated.sessionType,
      coach,
      now,
    });
    let refundId: string | null = null;
    if (order && refund.amountCents > 0) {
      const requested = await requestRefund({
        tx,
        orderId: order.id,
        amountCents: refund.amountCents,
        origin: cancelledBy === "COACH" ? "COACH" : "CLIENT_CANCELLATION",
        // A coach's refund reason is quoted to the client as her words: only her own message goes there.
        reason:
          cancelledBy === "COACH"
            ? reason
            : refund.rule === "late"
              ? `Cancelled by the client after the cutoff (${refund.percent}% refund)`
              : "Cancelled by the client within the cancellation window",
      });
      refundId = requested.refundId;
      ids.push(...requested.messageIds);
    }
    await tx.auditLog.create({
      data: {
        actorId: options.actor?.id ?? null,
        action: "booking.cancelled",
        entityType: "Booking",
        entityId: booking.id,
        data: { by: cancelledBy, ...(reason ? { reason } : {}), ...(order ? { refundCents: refund.amountCents, refundRule: refund.rule } : {}) },
      },
    });
    return { ids, refundId, refund: order && refund.amountCents > 0 ? { amountCents: refund.amountCents, currency: order.currency } : null };
  });

  if (outcome) {
    await deliverSoon(outcome.ids);
    if (outcome.refundId) await sendRefundJobs([outcome.refundId]);
    return outcome.refund ? { ...cancelled, refund: outcome.refund } : cancelled;
  }
  // Someone else changed the booking between the read and the update.
  const current = await db.booking.findUniqueOrThrow({ where: { id: booking.id }, select: { status: true } });
  if (current.status === "CANCELLED") return cancelled;
  throw new ConflictError("booking_changed", "This booking changed a moment ago. Please reload the page to see it as it is now, then try again.");
}

/** The booking's order (if it has one) and the coach's late-cancellation percentage. */
async function findPayment(db: Db, booking: BookingRow) {
  const [item, settings] = await Promise.all([
    db.orderItem.findUnique({ where: { bookingId: booking.id }, select: { order: { select: { id: true, status: true } } } }),
    db.coachSettings.findUnique({ where: { coachId: booking.sessionType.coach.id }, select: { lateCancellationRefundPercent: true } }),
  ]);
  return { order: item?.order ?? null, lateCancellationRefundPercent: settings?.lateCancellationRefundPercent ?? 0 };
}

async function lockAndReadOrder(tx: Tx, orderId: string) {
  await lockOrder(tx, { id: orderId });
  return tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { id: true, status: true, totalCents: true, refundedCents: true, currency: true } });
}

async function findCancellable(options: {
  db: Db;
  token?: string;
  bookingId?: string;
  actor?: CurrentUser | null;
}): Promise<{ booking: BookingRow; cancelledBy: "CLIENT" | "COACH" }> {
  const { db, token, bookingId, actor = null } = options;
  if (token !== undefined) return { booking: await findManagedBookingRow({ db, token }), cancelledBy: "CLIENT" };
  if (bookingId === undefined) throw new InvalidInputError("Say which booking to cancel.", { bookingId: "A booking id or a manage token is needed." });
  assertCoach(actor);
  const booking = await db.booking.findUnique({ where: { id: bookingId }, select: bookingSelect });
  if (!booking || booking.sessionType.coach.id !== actor.id) throw new NotFoundError("That booking doesn't exist (any more).", "booking_not_found");
  return { booking, cancelledBy: "COACH" };
}
