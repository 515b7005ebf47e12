import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { Db } from "../db/client";
import { deliverSoon } from "../email/deliver-soon";
import { ConflictError, InvalidInputError, NotFoundError, RuleViolationError } from "../errors";
import { ACTIVE_STATUSES, bookingSelect, coachProfile, type BookingRow } from "./booking-data";
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
 */
export async function cancelBooking(options: {
  db: Db;
  token?: string;
  bookingId?: string;
  actor?: CurrentUser | null;
  /** The coach's message to the client, or the client's note to the coach. */
  reason?: string;
  now?: Date;
}): Promise<{ id: string; status: "CANCELLED" }> {
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
  if (cancelledBy === "CLIENT" && !window.open) {
    throw new RuleViolationError(
      "change_window_closed",
      `Your session is less than ${coach.cancellationCutoffHours} hours away, so it can't be cancelled online any more. Please reply to your confirmation email or write to ${coach.name} at ${coach.email}; that's completely fine, and ${coach.name} will sort it out with you.`,
    );
  }
  if (cancelledBy === "COACH" && booking.endsAt <= now) {
    throw new RuleViolationError("session_over", "This session has already ended, so it can't be cancelled. You can mark it completed or a no-show instead.");
  }

  const messageIds = await runBookingTransaction(db, async (tx) => {
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
    await tx.auditLog.create({
      data: {
        actorId: options.actor?.id ?? null,
        action: "booking.cancelled",
        entityType: "Booking",
        entityId: booking.id,
        data: { by: cancelledBy, ...(reason ? { reason } : {}) },
      },
    });
    return ids;
  });

  if (messageIds) {
    await deliverSoon(messageIds);
    return cancelled;
  }
  // Someone else changed the booking between the read and the update.
  const current = await db.booking.findUniqueOrThrow({ where: { id: booking.id }, select: { status: true } });
  if (current.status === "CANCELLED") return cancelled;
  throw new ConflictError("booking_changed", "This booking changed a moment ago. Please reload the page to see it as it is now, then try again.");
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
