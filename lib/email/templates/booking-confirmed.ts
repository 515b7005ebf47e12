import { renderEmail, type RenderedEmail } from "../layout";
import { changePolicySentence, manageBookingAction, remindersSentence, timeForBoth, withoutZone, type BookingEmailFacts } from "./booking-common";

/** To the client: the session is booked, what happens next, how to change it. */
export function bookingConfirmedClientEmail(
  options: BookingEmailFacts & { manageUrl: string; deadline: Date; canChange: boolean; cancellationCutoffHours: number; reminderOffsetsMinutes: number[] },
): RenderedEmail {
  const { client, coach } = options;
  return renderEmail({
    subject: `Your session is confirmed for ${withoutZone(options.start, client.timeZone)}`,
    preview: "Everything is set. Here is what happens next.",
    heading: "You're booked in",
    paragraphs: [
      `Your ${options.sessionTitle} with ${coach.name} is confirmed for ${timeForBoth(options.start, client, coach)}.`,
      ["What happens next: there's nothing you need to do now.", remindersSentence(options.reminderOffsetsMinutes), "The attached calendar file adds the session to your calendar."]
        .filter(Boolean)
        .join(" "),
      changePolicySentence({ ...options, where: "with the button below" }),
    ],
    ...manageBookingAction(options.manageUrl),
  });
}

/** To the coach: who booked what and when, with their answers. */
export function bookingConfirmedCoachEmail(
  options: BookingEmailFacts & { answers: Array<{ label: string; value: string }>; deadline: Date; bookingsUrl: string },
): RenderedEmail {
  const { client, coach } = options;
  return renderEmail({
    subject: `New booking: ${client.name}, ${withoutZone(options.start, coach.timeZone)}`,
    preview: `${options.sessionTitle} with ${client.name}`,
    heading: "A new session is booked",
    paragraphs: [
      `${client.name} (${client.email}) booked your ${options.sessionTitle} for ${timeForBoth(options.start, coach, client)}.`,
      ...(options.answers.length ? options.answers.map((answer) => `${answer.label} — ${answer.value}`) : ["They didn't add any notes."]),
      `The attached calendar file adds it to your calendar. They can reschedule or cancel through their own link until ${withoutZone(options.deadline, coach.timeZone)} (${coach.timeZone}).`,
    ],
    action: { label: "Open your bookings", url: options.bookingsUrl },
  });
}
