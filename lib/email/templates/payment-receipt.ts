import { formatMoney } from "../../payments/format-money";
import { formatDateTime } from "../../time/format";
import { renderEmail, type RenderedEmail } from "../layout";

export type ReceiptItem = { title: string; quantity: number; totalCents: number };

/**
 * To the buyer once an order is paid: what was bought, what it cost and when. A test-mode payment
 * says so plainly, so nobody goes looking for a charge that never happened.
 */
export function paymentReceiptEmail(options: {
  orderId: string;
  items: ReceiptItem[];
  totalCents: number;
  currency: string;
  paidAt: Date;
  /** The buyer's zone when known (a booking's client), else UTC. */
  timeZone: string;
  testMode: boolean;
  /** One sentence on what comes next, e.g. that the booking confirmation is a separate email. */
  next?: string;
  /** For an order with downloads or a course: where to find them (never a file link). */
  library?: { signInUrl?: string; libraryUrl: string };
}): RenderedEmail {
  const total = formatMoney(options.totalCents, options.currency);
  const lines = options.items.map((item) => `${item.quantity > 1 ? `${item.quantity} × ` : ""}${item.title}: ${formatMoney(item.totalCents, options.currency)}`);
  return renderEmail({
    subject: options.testMode ? `Receipt for your test payment of ${total}` : `Your receipt: ${total}`,
    preview: options.testMode ? "Test payment: no money moved." : `Thank you. We've received your payment of ${total}.`,
    heading: options.testMode ? "Your test payment went through" : "Thank you, your payment went through",
    paragraphs: [
      ...(options.testMode ? ["Test payment: no money moved. This site is running in test mode, so nothing was charged to any card."] : []),
      ...lines,
      `Total paid: ${total}, on ${formatDateTime(options.paidAt, options.timeZone)}.`,
      ...(options.next ? [options.next] : []),
      ...(options.library?.signInUrl
        ? [
            "What you bought is waiting in your library. The button below signs you in and opens it; it works once, within 7 days.",
            `Any time after that, go to ${options.library.libraryUrl} and sign in with this email address.`,
          ]
        : options.library
          ? [`What you bought is waiting in your library: go to ${options.library.libraryUrl} and sign in with this email address.`]
          : []),
    ],
    ...(options.library?.signInUrl ? { action: { label: "Open your library", url: options.library.signInUrl } } : {}),
    footnote: `Order reference: ${options.orderId}. Keep this email as your receipt; reply to it if anything looks wrong.`,
  });
}
