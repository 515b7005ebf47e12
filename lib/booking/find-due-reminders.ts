import type { DbOrTx } from "../db/client";
import { coachProfile, sessionTypeSelect } from "./booking-data";
import type { BookingReminderJob } from "./schedule-reminders";

const MINUTE_MS = 60_000;
/** How far back the sweep looks: a reminder more than an hour late is no longer worth sending. */
const REMINDER_GRACE_MS = 60 * MINUTE_MS;

/**
 * Reminders whose time has come within the last hour and that were not sent: their job was lost
 * (the web process could not queue it, or the queue lost it). Only reminders that fell due after
 * the booking took its current time count, so a booking made 30 minutes ahead gets no
 * "one hour to go" email. sendBookingReminder re-checks everything when it runs.
 */
export async function findDueReminders(options: { db: DbOrTx; now?: Date }): Promise<BookingReminderJob[]> {
  const { db } = options;
  const now = options.now ?? new Date();
  const settings = await db.coachSettings.findMany({ select: { reminderOffsetsMinutes: true } });
  const longest = Math.max(1440, ...settings.flatMap((row) => row.reminderOffsetsMinutes));
  const bookings = await db.booking.findMany({
    where: { status: "CONFIRMED", startsAt: { gt: now, lte: new Date(now.getTime() + longest * MINUTE_MS) } },
    select: {
      id: true,
      startsAt: true,
      updatedAt: true,
      sessionType: { select: { coach: sessionTypeSelect.coach } },
      reminders: { select: { offsetMinutes: true, startsAt: true } },
    },
  });
  const due: BookingReminderJob[] = [];
  for (const booking of bookings) {
    for (const offsetMinutes of new Set(coachProfile(booking.sessionType.coach).reminderOffsetsMinutes)) {
      const dueAt = booking.startsAt.getTime() - offsetMinutes * MINUTE_MS;
      if (dueAt > now.getTime() || dueAt <= now.getTime() - REMINDER_GRACE_MS || dueAt < booking.updatedAt.getTime()) continue;
      const sent = booking.reminders.some((row) => row.offsetMinutes === offsetMinutes && row.startsAt.getTime() === booking.startsAt.getTime());
      if (!sent) due.push({ bookingId: booking.id, offsetMinutes, startsAt: booking.startsAt.toISOString() });
    }
  }
  return due;
}
