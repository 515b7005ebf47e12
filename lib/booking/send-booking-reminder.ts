import type { Db } from "../db/client";
import { enqueueEmail } from "../email/enqueue-email";
import { bookingReminderEmail } from "../email/templates/booking-reminder";
import { bookingSelect, coachProfile } from "./booking-data";
import { changeWindow } from "./change-window";

export type ReminderOutcome = { status: "sent"; messageId: string } | { status: "skipped"; reason: string };

/**
 * Writes one reminder to the outbox if, right now, the booking is still CONFIRMED at exactly
 * `startsAt` (a moved or cancelled booking gets nothing), has not started, and the coach still
 * sends reminders at this offset. "Never twice" is the unique key of booking_reminders: the row and
 * the email are written in one transaction, so a repeated job or the sweep finds the row and stops.
 * The booking row is share-locked first, so a cancellation committing meanwhile is seen, not raced.
 */
export async function sendBookingReminder(options: {
  db: Db;
  bookingId: string;
  offsetMinutes: number;
  startsAt: Date;
  now?: Date;
}): Promise<ReminderOutcome> {
  const { db, bookingId, offsetMinutes, startsAt } = options;
  const now = options.now ?? new Date();
  if (now >= startsAt) return { status: "skipped", reason: "the session has started" };
  return db.$transaction(async (tx): Promise<ReminderOutcome> => {
    const locked = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM bookings WHERE id = ${bookingId} AND status = 'CONFIRMED' AND starts_at = ${startsAt} FOR SHARE`;
    if (locked.length === 0) return { status: "skipped", reason: "the booking was cancelled or moved" };
    const booking = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: bookingSelect });
    const coach = coachProfile(booking.sessionType.coach);
    if (!coach.reminderOffsetsMinutes.includes(offsetMinutes)) return { status: "skipped", reason: "no reminder at this offset any more" };

    const { count } = await tx.bookingReminder.createMany({ data: [{ bookingId, offsetMinutes, startsAt, sentAt: now }], skipDuplicates: true });
    if (count === 0) return { status: "skipped", reason: "already sent" };
    const window = changeWindow({ booking, cancellationCutoffHours: coach.cancellationCutoffHours, now });
    const { id } = await enqueueEmail(tx, {
      to: booking.clientEmail,
      template: "booking-reminder",
      ...bookingReminderEmail({
        sessionTitle: booking.sessionType.title,
        start: booking.startsAt,
        client: { name: booking.clientName, email: booking.clientEmail, timeZone: booking.clientTimeZone },
        coach: { name: coach.name, email: coach.email, timeZone: coach.timeZone },
        offsetMinutes,
        deadline: window.deadline,
        canChange: window.open,
      }),
    });
    return { status: "sent", messageId: id };
  });
}
