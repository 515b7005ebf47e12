import { formatMoney } from "../../payments/format-money";
import { renderEmail, type RenderedEmail } from "../layout";

/**
 * To the coach: a refund that didn't reach the buyer, or may not have, so she can sort it out with
 * them by hand.
 * `refused`: the provider said no when asked, so no money left. `unconfirmed`: no clear answer came
 * after every attempt (timeouts, the provider unreachable or not configured), so it may or may not
 * have been made: she is asked to check the payment in the provider's dashboard before refunding
 * again, so the buyer isn't refunded twice. `reversed`: the provider took the refund, then couldn't
 * complete it (a closed card, say), so the money came back to her balance.
 * The buyer had been emailed that the refund was on its way and gets no automatic email about this
 * (decision 013); the email says what the buyer can see instead: a booking's page shows the refund
 * as not completed and that she'll be in touch; for a shop order, the library says so only where
 * the refund closed access (which stays closed).
 */
export function refundFailedEmail(options: {
  orderId: string;
  buyerEmail: string;
  subject: string;
  amountCents: number;
  currency: string;
  error: string;
  stage: "refused" | "unconfirmed" | "reversed";
  /** What the order was for: a booking (its page shows refunds), products (the library doesn't), or both. */
  items: { booking: boolean; products: boolean };
  /** The refund closed the buyer's access to downloads or a course (the library then says the refund hasn't gone through). */
  accessClosed: boolean;
  /** The order's page in the back office (its refunds, what is left to refund). */
  orderUrl: string;
}): RenderedEmail {
  const amount = formatMoney(options.amountCents, options.currency);
  const what = `The refund of ${amount} to ${options.buyerEmail} for ${options.subject}`;
  // No money reached the buyer either way, so the same two ways forward.
  const contactOrRetry = "You may want to get in touch with them (to arrange another way to send it, for example), or try the refund again from the provider's dashboard.";
  const stage = {
    refused: {
      subject: `A refund of ${amount} didn't go through`,
      preview: `The payment provider didn't accept the refund to ${options.buyerEmail}.`,
      opening: `${what} was not accepted by the payment provider, so no money has gone back yet.`,
      said: `What the provider said: ${options.error}`,
      next: contactOrRetry,
    },
    unconfirmed: {
      subject: `A refund of ${amount} may not have gone through`,
      preview: `We couldn't confirm with the payment provider whether the refund to ${options.buyerEmail} went through.`,
      opening: `We couldn't confirm whether the refund of ${amount} to ${options.buyerEmail} for ${options.subject} went through: after repeated tries there was still no clear answer from the payment provider. A request that timed out may still have been carried out, so the money may or may not have gone back.`,
      said: `The last try: ${options.error}`,
      next: "Before refunding again, please check this payment in the provider's dashboard (Stripe): if the refund is listed there, the money has gone back and there's nothing more to send; if it isn't, you can refund again. Checking first means the buyer can't be refunded twice.",
    },
    reversed: {
      subject: `A refund of ${amount} couldn't be completed`,
      preview: `The refund to ${options.buyerEmail} came back to your balance instead of reaching them.`,
      opening: `${what} was accepted by the payment provider, but it couldn't be completed, so the money is back in your balance and hasn't reached the buyer.`,
      said: `What the provider said: ${options.error}`,
      next: contactOrRetry,
    },
  }[options.stage];
  const seen = [
    options.items.booking
      ? "Their booking page shows this refund as not completed yet, with a note that you've been told and will sort it out with them."
      : null,
    options.items.products
      ? options.accessClosed
        ? "Their library says the refund hasn't gone through yet and that you'll be in touch; the access the refund closed stays closed."
        : "Their library doesn't show refunds, so nothing on the site tells them about it."
      : null,
  ].filter((line) => line !== null);
  return renderEmail({
    subject: stage.subject,
    preview: stage.preview,
    heading: "A refund needs your attention",
    paragraphs: [
      stage.opening,
      stage.said,
      ["The buyer was emailed that the refund is on its way and hasn't been emailed about this.", ...seen].join(" "),
      `${stage.next} The order now shows this amount as not refunded.`,
      "If the refund cancelled a booking or closed access to downloads or a course, those stay as they are: you decide whether to change them.",
    ],
    action: { label: "Open the order", url: options.orderUrl },
    footnote: `Order reference: ${options.orderId}.`,
  });
}
