import { formatDateTime } from "../../time/format";
import { renderEmail, type RenderedEmail } from "../layout";
import { describeMinutes, timeForBoth, withoutZone, type BookingEmailFacts } from "./booking-common";

/** To the client, in their zone. The manage token is not stored, so the link lives in earlier emails. */
export function bookingReminderEmail(options: BookingEmailFacts & { offsetMinutes: number; deadline: Date; canChange: boolean }): RenderedEmail {
  const { client, coach } = options;
  return renderEmail({
    subject: `Reminder: your session on ${withoutZone(options.start, client.timeZone)}`,
    preview: `Your ${options.sessionTitle} is in about ${describeMinutes(options.offsetMinutes)}.`,
    heading: "A gentle reminder",
    paragraphs: [
      `Your ${options.sessionTitle} with ${coach.name} is on ${timeForBoth(options.start, client, coach)}.`,
      options.canChange
        ? `If you need a different time, you can still reschedule or cancel until ${formatDateTime(options.deadline, client.timeZone)}, with the link in your confirmation email.`
        : `If something has come up, just email ${coach.name} at ${coach.email}. That's completely fine.`,
    ],
    footnote: "You're getting this because you booked a session. The calendar file in your confirmation email has all the details.",
  });
}
