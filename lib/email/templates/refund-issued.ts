import { formatMoney } from "../../payments/format-money";
import { renderEmail, type RenderedEmail } from "../layout";

/**
 * To the buyer when a refund is on its way: how much, for what, what happens next and how long the
 * bank may take. Written when the refund is requested; the provider is asked right after.
 */
export function refundIssuedEmail(options: {
  orderId: string;
  /** What was paid for, e.g. "Strategy session on Tuesday 3 March 2026, 14:00". */
  subject: string;
  amountCents: number;
  /** Everything refunded on the order so far, this refund included. */
  refundedCents: number;
  totalCents: number;
  currency: string;
  testMode: boolean;
  /** The coach's own words, quoted. */
  note?: string;
}): RenderedEmail {
  const amount = formatMoney(options.amountCents, options.currency);
  const full = options.refundedCents >= options.totalCents;
  return renderEmail({
    subject: `Your refund of ${amount}`,
    preview: "There's nothing you need to do.",
    heading: `We're refunding ${amount}`,
    paragraphs: [
      full
        ? `We're refunding ${amount} for ${options.subject}: that's the full amount you paid.`
        : `We're refunding ${amount} for ${options.subject}. In total, ${formatMoney(options.refundedCents, options.currency)} of the ${formatMoney(options.totalCents, options.currency)} you paid has been refunded.`,
      ...(options.note ? [`Note: “${options.note}”`] : []),
      options.testMode
        ? "Test payment: no money moved. This site is running in test mode, so there's nothing to look for on any statement."
        : "What happens next: there's nothing you need to do. The money goes back to the card or account you paid with. Banks usually take 5 to 10 working days to show it on your statement.",
    ],
    footnote: `Order reference: ${options.orderId}. If the refund hasn't appeared after 10 working days, reply to this email and we'll look into it with you.`,
  });
}
