import type { Tx } from "../db/client";
import { enqueueEmail } from "../email/enqueue-email";
import { refundIssuedEmail } from "../email/templates/refund-issued";

/**
 * Queues the buyer's "refund issued" email for a refund just recorded on an order (by the coach, a
 * cancellation or the Stripe dashboard) and returns the message's id.
 */
export async function enqueueRefundIssuedEmail(
  tx: Tx,
  options: {
    orderId: string;
    order: { email: string; items: { title: string }[]; totalCents: number; currency: string; provider: string };
    amountCents: number;
    /** Everything refunded on the order so far, this refund included. */
    refundedCents: number;
    note?: string;
  },
): Promise<string> {
  const { orderId, order, amountCents, refundedCents, note } = options;
  const email = refundIssuedEmail({
    orderId,
    subject: order.items.map((item) => item.title).join("; "),
    amountCents,
    refundedCents,
    totalCents: order.totalCents,
    currency: order.currency,
    testMode: order.provider === "TEST",
    note,
  });
  return (await enqueueEmail(tx, { ...email, to: order.email, template: "refund-issued" })).id;
}
