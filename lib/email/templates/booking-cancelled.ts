import { renderEmail, type RenderedEmail } from "../layout";
import { timeForBoth, type BookingEmailFacts } from "./booking-common";

type Cancellation = BookingEmailFacts & { cancelledBy: "CLIENT" | "COACH"; message?: string };

/** To the client, whoever cancelled; the coach's message, if she wrote one, word for word. */
export function bookingCancelledClientEmail(options: Cancellation & { bookAgainUrl: string }): RenderedEmail {
  const { client, coach } = options;
  const when = timeForBoth(options.start, client, coach);
  const byCoach = options.cancelledBy === "COACH";
  return renderEmail({
    subject: byCoach ? `${coach.name} has cancelled your session` : "Your session is cancelled",
    preview: byCoach ? "Sorry for the change of plans." : "There's nothing else you need to do.",
    heading: byCoach ? "Your session has been cancelled" : "Your session is cancelled",
    paragraphs: [
      byCoach
        ? `${coach.name} has cancelled your ${options.sessionTitle} on ${when}. Sorry for the change of plans.`
        : `Your ${options.sessionTitle} with ${coach.name} on ${when} is cancelled. There's nothing else you need to do.`,
      ...(options.message ? [`${byCoach ? `${coach.name}'s message` : "Your note"}: “${options.message}”`] : []),
      "The attached calendar file removes the session from your calendar. Whenever you'd like another time, you're welcome to book again.",
    ],
    action: { label: "Find another time", url: options.bookAgainUrl },
  });
}

/** To the coach: a confirmation when she cancelled, the news (and any note) when the client did. */
export function bookingCancelledCoachEmail(options: Cancellation & { bookingsUrl: string }): RenderedEmail {
  const { client, coach } = options;
  const when = timeForBoth(options.start, coach, client);
  const byCoach = options.cancelledBy === "COACH";
  return renderEmail({
    subject: byCoach ? `You cancelled ${client.name}'s session` : `Cancelled: ${client.name}'s session`,
    preview: byCoach ? `${client.name} has been told.` : "The time is open for booking again.",
    heading: byCoach ? "Session cancelled" : "A client cancelled",
    paragraphs: [
      byCoach
        ? `You cancelled ${client.name}'s ${options.sessionTitle} on ${when}. We've emailed them${options.message ? " with your message" : ""}.`
        : `${client.name} (${client.email}) cancelled their ${options.sessionTitle} on ${when}.`,
      ...(options.message && !byCoach ? [`Their note: “${options.message}”`] : []),
      "The time is open for booking again. The attached calendar file removes the session from your calendar.",
    ],
    action: { label: "Open your bookings", url: options.bookingsUrl },
  });
}
