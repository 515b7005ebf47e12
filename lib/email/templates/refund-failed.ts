import { formatMoney } from "../../payments/format-money";
import { renderEmail, type RenderedEmail } from "../layout";

/** To the coach: a refund the provider would not make, so she can sort it out with the buyer by hand. */
export function refundFailedEmail(options: {
  orderId: string;
  buyerEmail: string;
  subject: string;
  amountCents: number;
  currency: string;
  error: string;
  ordersUrl: string;
}): RenderedEmail {
  const amount = formatMoney(options.amountCents, options.currency);
  return renderEmail({
    subject: `A refund of ${amount} didn't go through`,
    preview: `The payment provider didn't accept the refund to ${options.buyerEmail}.`,
    heading: "A refund needs your attention",
    paragraphs: [
      `The refund of ${amount} to ${options.buyerEmail} for ${options.subject} was not accepted by the payment provider, so no money has gone back yet.`,
      `What the provider said: ${options.error}`,
      "You may want to refund it from the provider's dashboard, or get in touch with the buyer. The order shows the amount as not refunded.",
    ],
    action: { label: "Open your bookings", url: options.ordersUrl },
    footnote: `Order reference: ${options.orderId}.`,
  });
}
