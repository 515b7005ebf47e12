import type { Db } from "../db/client";
import type { BookingStatus } from "../db/generated/client";
import { deliverSoon } from "../email/deliver-soon";
import { ConflictError, InvalidInputError, RuleViolationError } from "../errors";
import { isSlotAvailable } from "../scheduling/is-slot-available";
import { bookingSelect, coachProfile } from "./booking-data";
import { bookingItemTitle } from "./booking-item-title";
import { changeWindow } from "./change-window";
import { enqueueBookingEmails } from "./enqueue-booking-emails";
import { expireStaleHolds } from "./expire-stale-holds";
import { findManagedBookingRow } from "./find-managed-booking-row";
import { isOverlapViolation } from "./is-overlap-violation";
import { limitReschedules } from "./limit-reschedules";
import { loadSlotEngineInput } from "./load-slot-engine-input";
import { lockCoachDate } from "./lock-coach-date";
import { manageUrl } from "./manage-token";
import { runBookingTransaction } from "./run-booking-transaction";
import { scheduleReminders } from "./schedule-reminders";
import { SlotRefused, slotUnavailableError } from "./slot-unavailable-error";

const MINUTE_MS = 60_000;

/**
 * Moves a booking to `newStart` through its manage link, while the change window is open. The move
 * is ONE UPDATE of the row's times: the exclusion constraint checks the new range against every
 * other booking in the same statement that releases the old one, so the old time is never free
 * before the new one is secured, and a competitor for the new time gets the 409. The slot engine
 * checks the new start first, with the booking's own time left out. SEQUENCE + 1 and updated
 * calendar files (same UID) go to both sides; reminders are queued for the new time (the old
 * ones carry the old start and become no-ops). Asking again for the time it already has changes
 * nothing, so a double submit is harmless. The manage token stays the same.
 *
 * A paid booking moves only once it is paid: until then its confirmations, held back for the
 * payment, carry the time it was booked for, and an unpaid hold must lapse without a CANCEL to send.
 * So a PENDING order is refused as cancelBooking refuses it, and the UPDATE moves only a CONFIRMED
 * booking. Each move emails both sides, so attempts are limited per booking (limitReschedules).
 */
export async function rescheduleBooking(options: {
  db: Db;
  token: string;
  newStart: Date;
  now?: Date;
}): Promise<{ id: string; status: BookingStatus; start: string; end: string; manageUrl: string }> {
  const { db, token, newStart } = options;
  const now = options.now ?? new Date();
  if (Number.isNaN(newStart.getTime())) throw new InvalidInputError("Some details need another look.", { newStart: "Please choose one of the times offered." });

  const booking = await findManagedBookingRow({ db, token });
  const { sessionType } = booking;
  const coach = coachProfile(sessionType.coach);
  const link = manageUrl(token);
  const window = changeWindow({ booking, cancellationCutoffHours: coach.cancellationCutoffHours, now });
  if (!window.holdsItsTime) {
    throw new RuleViolationError(
      "booking_not_active",
      booking.status === "CANCELLED"
        ? "This booking was cancelled, so there's nothing to move. You're welcome to book a new time whenever you like."
        : "This booking can't be moved any more. You're welcome to book a new time whenever you like.",
    );
  }
  const item = await db.orderItem.findUnique({ where: { bookingId: booking.id }, select: { order: { select: { status: true } } } });
  if (item?.order.status === "PENDING") {
    throw new RuleViolationError(
      "payment_in_progress",
      "This booking is still waiting for its payment, so it can't be moved yet: once the payment has gone through, you can move it here. If you'd rather have another time now, choose “Cancel and go back” on the payment page and pick a new one; nothing is charged, and this time is released on its own when the hold runs out.",
    );
  }
  if (newStart.getTime() === booking.startsAt.getTime()) {
    return { id: booking.id, status: booking.status, start: booking.startsAt.toISOString(), end: booking.endsAt.toISOString(), manageUrl: link };
  }
  if (!window.open) {
    throw new RuleViolationError(
      "change_window_closed",
      `Your session is less than ${coach.cancellationCutoffHours} hours away, so it can't be moved online any more. Please reply to your confirmation email or write to ${coach.name} at ${coach.email}; that's completely fine, and ${coach.name} will sort it out with you.`,
    );
  }
  await limitReschedules({ db, bookingId: booking.id, coachName: coach.name, now });

  const newEnd = new Date(newStart.getTime() + sessionType.durationMinutes * MINUTE_MS);
  const blockedFrom = new Date(newStart.getTime() - sessionType.bufferBeforeMinutes * MINUTE_MS);
  const blockedUntil = new Date(newEnd.getTime() + sessionType.bufferAfterMinutes * MINUTE_MS);

  let moved: { status: BookingStatus; messageIds: string[] };
  try {
    moved = await runBookingTransaction(db, async (tx) => {
      await lockCoachDate({ tx, coachId: coach.id, coachTimeZone: coach.timeZone, start: newStart });
      await expireStaleHolds({ tx, coachId: coach.id, from: blockedFrom, until: blockedUntil, now });
      const input = await loadSlotEngineInput({ db: tx, sessionType, coach, from: newStart, to: newEnd, now, excludeBookingId: booking.id });
      if (!isSlotAvailable(input, newStart)) throw new SlotRefused();

      const [updated] = await tx.booking.updateManyAndReturn({
        where: { id: booking.id, status: "CONFIRMED", startsAt: booking.startsAt },
        data: { startsAt: newStart, endsAt: newEnd, blockedFrom, blockedUntil, sequence: { increment: 1 }, updatedAt: now },
        select: bookingSelect,
      });
      if (!updated) {
        throw new ConflictError("booking_changed", "This booking changed a moment ago. Please reload the page to see it as it is now, then try again.");
      }
      // A paid session's order line says when it is (receipts, refund emails, the coach's orders).
      await tx.orderItem.updateMany({
        where: { bookingId: booking.id },
        data: { title: bookingItemTitle({ sessionTitle: sessionType.title, coachName: coach.name, start: newStart, timeZone: updated.clientTimeZone }) },
      });
      const messageIds = await enqueueBookingEmails({
        tx,
        change: { kind: "rescheduled", manageUrl: link, previousStart: booking.startsAt },
        booking: updated,
        sessionType,
        coach,
        now,
      });
      await tx.auditLog.create({
        data: {
          action: "booking.rescheduled",
          entityType: "Booking",
          entityId: booking.id,
          data: { from: booking.startsAt.toISOString(), to: newStart.toISOString() },
        },
      });
      return { status: updated.status, messageIds };
    });
  } catch (error) {
    if (error instanceof SlotRefused || isOverlapViolation(error)) {
      throw await slotUnavailableError({ db, sessionType, coach, requestedStart: newStart, now, excludeBookingId: booking.id });
    }
    throw error;
  }

  await deliverSoon(moved.messageIds);
  await scheduleReminders({ bookingId: booking.id, startsAt: newStart, offsetsMinutes: coach.reminderOffsetsMinutes, now });
  return { id: booking.id, status: moved.status, start: newStart.toISOString(), end: newEnd.toISOString(), manageUrl: link };
}
