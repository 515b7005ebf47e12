import { formatMoney } from "../../payments/format-money";
import { formatDateTime } from "../../time/format";
import { renderEmail, type RenderedEmail } from "../layout";
import { timeForBoth, type BookingPerson } from "./booking-common";

/**
 * To the client whose payment arrived after their hold ran out and whose time was no longer available (or
 * whose booking was no longer open): kind, clear that it isn't their fault, the full refund, and
 * the nearest free times with a way to book one.
 */
export function latePaymentRefundedEmail(options: {
  sessionTitle: string;
  start: Date;
  client: BookingPerson;
  coach: BookingPerson;
  amountCents: number;
  currency: string;
  /** The nearest free starts, soonest first (may be empty). */
  alternatives: Date[];
  bookAgainUrl: string;
  /** false when the booking had been cancelled before the payment came through. */
  slotTaken: boolean;
  testMode: boolean;
}): RenderedEmail {
  const { client, coach } = options;
  const amount = formatMoney(options.amountCents, options.currency);
  const when = timeForBoth(options.start, client, coach);
  return renderEmail({
    subject: `We've refunded your payment of ${amount}`,
    preview: "The time you chose wasn't available any more, so you haven't been charged for it.",
    heading: "Your payment has been refunded in full",
    paragraphs: [
      options.slotTaken
        ? `Thank you for booking the ${options.sessionTitle} with ${coach.name} on ${when}. By the time your payment went through, the time you chose was no longer available, so we couldn't confirm it, and we've refunded you in full (${amount}).`
        : `Thank you for your payment for the ${options.sessionTitle} with ${coach.name} on ${when}. The booking had already been closed by the time the payment came through, so we've refunded you in full (${amount}).`,
      "This isn't anything you did: payments sometimes take longer than the time we can hold a slot.",
      options.testMode
        ? "Test payment: no money moved, so there's nothing to look for on any statement."
        : "The money goes back to the card or account you paid with; banks usually take 5 to 10 working days to show it.",
      ...(options.alternatives.length
        ? [
            `If you'd still like a session, these are the nearest free times (${client.timeZone}):`,
            ...options.alternatives.map((start) => `• ${formatDateTime(start, client.timeZone)}`),
          ]
        : [`If you'd still like a session, the booking page shows every free time, or you can write to ${coach.name} at ${coach.email}.`]),
    ],
    action: { label: "Choose a new time", url: options.bookAgainUrl },
    footnote: "You're getting this because you paid for a session. There's nothing else you need to do.",
  });
}
