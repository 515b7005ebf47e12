import { formatMoney } from "../../payments/format-money";
import { renderEmail, type RenderedEmail } from "../layout";

/**
 * To the coach: a refund that didn't reach the buyer, so she can sort it out with them by hand.
 * `refused`: the provider said no when asked, so no money left. `reversed`: the provider took the
 * refund, then couldn't complete it (a closed card, say), so the money came back to her balance;
 * the buyer had already been told it was on its way. Either way the buyer gets no automatic email
 * about it (decision 013): the coach decides what to do and what to say.
 */
export function refundFailedEmail(options: {
  orderId: string;
  buyerEmail: string;
  subject: string;
  amountCents: number;
  currency: string;
  error: string;
  stage: "refused" | "reversed";
  /** The order's page in the back office (its refunds, what is left to refund). */
  orderUrl: string;
}): RenderedEmail {
  const amount = formatMoney(options.amountCents, options.currency);
  const reversed = options.stage === "reversed";
  return renderEmail({
    subject: reversed ? `A refund of ${amount} couldn't be completed` : `A refund of ${amount} didn't go through`,
    preview: reversed
      ? `The refund to ${options.buyerEmail} came back to your balance instead of reaching them.`
      : `The payment provider didn't accept the refund to ${options.buyerEmail}.`,
    heading: "A refund needs your attention",
    paragraphs: [
      reversed
        ? `The refund of ${amount} to ${options.buyerEmail} for ${options.subject} was accepted by the payment provider, but it couldn't be completed, so the money is back in your balance and hasn't reached the buyer.`
        : `The refund of ${amount} to ${options.buyerEmail} for ${options.subject} was not accepted by the payment provider, so no money has gone back yet.`,
      `What the provider said: ${options.error}`,
      "The buyer was told the refund is on its way and hasn't been told otherwise. You may want to get in touch with them (to arrange another way to send it, for example), or try the refund again from the provider's dashboard. The order now shows this amount as not refunded.",
      "If the refund cancelled a booking or closed access to downloads or a course, those stay as they are: you decide whether to change them.",
    ],
    action: { label: "Open the order", url: options.orderUrl },
    footnote: `Order reference: ${options.orderId}.`,
  });
}
