import { formatDateTime } from "../../time/format";
import { renderEmail, type RenderedEmail } from "../layout";
import { changePolicySentence, manageBookingAction, timeForBoth, withoutZone, type BookingEmailFacts } from "./booking-common";

/** To the client: the new time is secured and the old one released. */
export function bookingRescheduledClientEmail(
  options: BookingEmailFacts & { previousStart: Date; manageUrl: string; deadline: Date; canChange: boolean; cancellationCutoffHours: number },
): RenderedEmail {
  const { client, coach } = options;
  return renderEmail({
    subject: `Your session has moved to ${withoutZone(options.start, client.timeZone)}`,
    preview: "Your new time is confirmed.",
    heading: "Your new time is confirmed",
    paragraphs: [
      `Your ${options.sessionTitle} with ${coach.name} is now on ${timeForBoth(options.start, client, coach)}.`,
      `The earlier time, ${formatDateTime(options.previousStart, client.timeZone)}, no longer applies. The attached calendar file updates the entry in your calendar.`,
      changePolicySentence({ ...options, where: "with the button below" }),
    ],
    ...manageBookingAction(options.manageUrl),
  });
}

/** To the coach: a client moved their session. */
export function bookingRescheduledCoachEmail(options: BookingEmailFacts & { previousStart: Date; bookingsUrl: string }): RenderedEmail {
  const { client, coach } = options;
  return renderEmail({
    subject: `Moved: ${client.name}, now ${withoutZone(options.start, coach.timeZone)}`,
    preview: `${client.name} picked a new time.`,
    heading: "A session has moved",
    paragraphs: [
      `${client.name} (${client.email}) moved their ${options.sessionTitle} from ${formatDateTime(options.previousStart, coach.timeZone)} to ${timeForBoth(options.start, coach, client)}.`,
      "The earlier time is open for booking again. The attached calendar file updates the entry in your calendar.",
    ],
    action: { label: "Open your bookings", url: options.bookingsUrl },
  });
}
