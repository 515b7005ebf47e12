import { QUEUES, sendJobs, type JobRequest } from "../jobs/boss";

/** A reminder for one start time of a booking; a booking moved since then makes it a no-op. */
export type BookingReminderJob = { bookingId: string; offsetMinutes: number; startsAt: string };

/**
 * One booking.reminder job per offset, waiting until start − offset; offsets whose time has already
 * come when the booking is made or moved are skipped. The singleton key keeps one waiting job per
 * reminder however often this is asked.
 */
export function reminderJobs(options: { bookingId: string; startsAt: Date; offsetsMinutes: number[]; now: Date }): JobRequest[] {
  const { bookingId, startsAt, now } = options;
  return [...new Set(options.offsetsMinutes)]
    .map((offsetMinutes) => ({ offsetMinutes, startAfter: new Date(startsAt.getTime() - offsetMinutes * 60_000) }))
    .filter(({ startAfter }) => startAfter > now)
    .map(({ offsetMinutes, startAfter }) => ({
      name: QUEUES.bookingReminder,
      data: { bookingId, offsetMinutes, startsAt: startsAt.toISOString() } satisfies BookingReminderJob,
      startAfter,
      singletonKey: `${bookingId}:${offsetMinutes}:${startsAt.toISOString()}`,
    }));
}

/**
 * Queues the reminders of a booking that was just made or moved. Call it after commit. Best effort:
 * it never throws, because the worker's reminder sweep sends any reminder whose job went missing.
 */
export async function scheduleReminders(options: { bookingId: string; startsAt: Date; offsetsMinutes: number[]; now: Date }): Promise<void> {
  try {
    await sendJobs(reminderJobs(options));
  } catch (error) {
    console.error(
      `Could not queue reminders for booking ${options.bookingId} (${error instanceof Error ? error.message : String(error)}); the reminder sweep will send them.`,
    );
  }
}
