import type { BookingPayment } from "@/lib/booking/find-booking-by-token";
import { formatMoney } from "@/lib/payments/format-money";
import { paymentSummary } from "@/lib/payments/payment-summary";
import { refundLine, REFUND_TIMING } from "./payment-labels";

/**
 * A paid booking's payment as label/value pairs for a <dl>: what was paid, its state, and each
 * refund with its own state. Server-rendered; nothing here is interactive.
 */
export function PaymentFacts({ payment, coachName }: { payment: BookingPayment; coachName: string }) {
  const summary = paymentSummary(payment);
  const pendingRefund = payment.refunds.some((refund) => refund.status === "PENDING");
  return (
    <>
      <div>
        <dt>Payment</dt>
        <dd>
          {summary.label}: {formatMoney(payment.totalCents, payment.currency)}
          {summary.testMode ? <span className="muted"> (test payment: no money moved)</span> : null}
        </dd>
      </div>
      {payment.refunds.length ? (
        <div>
          <dt>{payment.refunds.length === 1 ? "Refund" : "Refunds"}</dt>
          <dd>
            {payment.refunds.length === 1 ? (
              refundLine(payment.refunds[0], payment.currency, coachName)
            ) : (
              <ul>
                {payment.refunds.map((refund) => (
                  <li key={refund.id}>{refundLine(refund, payment.currency, coachName)}</li>
                ))}
              </ul>
            )}
            {pendingRefund && !summary.testMode ? <span className="muted"> {REFUND_TIMING}</span> : null}
          </dd>
        </div>
      ) : null}
    </>
  );
}
