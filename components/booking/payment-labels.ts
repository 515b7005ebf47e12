// The words the client's screens use for a booking's payment and refunds: pure, so the manage page,
// /account and the checkout pages read the same way (and the sentences are unit tested).

import { formatMoney } from "@/lib/payments/format-money";

export type RefundForDisplay = { amountCents: number; status: "PENDING" | "SUCCEEDED" | "FAILED" };

/** How long a card refund usually takes to show, said the same way everywhere. */
export const REFUND_TIMING = "Refunds usually reach your account within 5 to 10 working days, depending on your bank.";

/** A refund's state for the client: "£95.00 refund on its way". */
export function refundLine(refund: RefundForDisplay, currency: string, coachName: string): string {
  const amount = formatMoney(refund.amountCents, currency);
  switch (refund.status) {
    case "SUCCEEDED":
      return `${amount} refunded`;
    case "FAILED":
      return `${amount} refund not completed yet: ${coachName} has been told and will sort it out with you`;
    default:
      return `${amount} refund on its way`;
  }
}

/**
 * What the client reads before confirming a cancellation of a paid session: exactly what comes
 * back, and why. `rule` and `amountCents` come from cancellationRefund (the same rule the cancel uses).
 */
export function cancellationRefundSentence(options: {
  refund: { amountCents: number; rule: "full" | "late" | "unpaid"; percent: number | null; currency: string };
  totalCents: number;
  cutoffHours: number;
  coachName: string;
  testMode: boolean;
}): string {
  const { refund, totalCents, cutoffHours, coachName, testMode } = options;
  const amount = formatMoney(refund.amountCents, refund.currency);
  const test = testMode ? " (This was a test payment: no money moves.)" : "";
  if (refund.rule === "unpaid") return "";
  if (refund.rule === "full") {
    if (refund.amountCents === 0) return `The payment for this session has already been refunded in full, so there's nothing more to pay back.${test}`;
    const whole = refund.amountCents === totalCents ? " in full" : "";
    return `You'll get ${amount} back${whole}, to the card you paid with. ${REFUND_TIMING}${test}`;
  }
  const late = `Your session is less than ${cutoffHours} hours away`;
  if (refund.amountCents === 0) {
    return refund.percent && refund.percent > 0
      ? `${late}. The cancellation policy would refund ${refund.percent}% of the price, but that has already been refunded, so nothing more comes back if you cancel now.${test}`
      : `${late}, so under the cancellation policy there is no refund if you cancel now. If something has come up, you're also welcome to reply to your confirmation email and talk it over with ${coachName} first.${test}`;
  }
  return `${late}, so the cancellation policy refunds ${refund.percent}% of the price: you'll get ${amount} back, to the card you paid with. ${REFUND_TIMING}${test}`;
}
