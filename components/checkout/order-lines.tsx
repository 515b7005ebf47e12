import { formatMoney } from "@/lib/payments/format-money";
import type { CheckoutSummary } from "@/lib/payments/get-checkout-summary";
import { sessionTimesLabel } from "@/components/booking/labels";

/** What is being paid for: each item with its amount, the session's time in the client's zone, the total. */
export function OrderLines({ summary }: { summary: CheckoutSummary }) {
  const { booking } = summary;
  return (
    <dl className="details-list">
      {summary.items.map((item, index) => (
        <div key={index} style={{ display: "contents" }}>
          <dt>
            {item.title}
            {item.quantity > 1 ? ` × ${item.quantity}` : ""}
          </dt>
          <dd>{formatMoney(item.totalCents, summary.currency)}</dd>
        </div>
      ))}
      {booking ? (
        <>
          <dt>When</dt>
          <dd>{sessionTimesLabel({ start: booking.startsAt.toISOString(), end: booking.endsAt.toISOString() }, booking.clientTimeZone)}</dd>
        </>
      ) : null}
      {summary.discountCents > 0 ? (
        <>
          <dt>Discount</dt>
          <dd>−{formatMoney(summary.discountCents, summary.currency)}</dd>
        </>
      ) : null}
      <dt>Total</dt>
      <dd>
        <strong>{formatMoney(summary.totalCents, summary.currency)}</strong>
      </dd>
    </dl>
  );
}
