import type { OrderStatus, PaymentProviderName } from "@/lib/db/generated/client";
import { paymentSummary, type PaymentSummaryLabel } from "@/lib/payments/payment-summary";

type Order = { status: OrderStatus; totalCents: number; refundedCents: number; currency: string; provider: PaymentProviderName };

const tones: Record<PaymentSummaryLabel, string> = {
  Paid: "badge-info",
  "Awaiting payment": "badge-warn",
  "Partly refunded": "",
  Refunded: "",
  "Payment cancelled": "badge-muted",
  "Payment expired": "badge-muted",
};

/** A booking's payment in one word or two: "Paid", "Partly refunded"…, "Free" for a free session; "(test)" in test mode. */
export function PaymentBadge({ order }: { order: Order | null }) {
  if (!order) return <span className="badge badge-muted">Free</span>;
  const summary = paymentSummary(order);
  return (
    <span className={`badge ${tones[summary.label]}`}>
      {summary.label}
      {summary.testMode ? " (test)" : ""}
    </span>
  );
}
