import { DataTable } from "@/components/admin/data-table";
import { refundOriginWords, refundStatusTones, refundStatusWords } from "@/components/admin/shop/order-labels";
import { formatMoney } from "@/lib/payments/format-money";
import { formatDateTime } from "@/lib/time/format";

export type RefundRow = {
  id: string;
  createdAt: Date;
  amountCents: number;
  status: string;
  lastError: string | null;
  origin: string;
  reason: string | null;
};

/** The refunds of one order (a booking's or a shop order's): when, how much, their state and why. */
export function RefundsTable({ refunds, currency, timeZone }: { refunds: RefundRow[]; currency: string; timeZone: string }) {
  return (
    <DataTable captionId="refunds-caption" caption={`Refunds (times in ${timeZone})`} columns={["When", "Amount", "Status", "Why"]}>
      <tbody>
        {refunds.map((refund) => (
          <tr key={refund.id}>
            <td>{formatDateTime(refund.createdAt, timeZone)}</td>
            <td>{formatMoney(refund.amountCents, currency)}</td>
            <td>
              <span className={`badge ${refundStatusTones[refund.status] ?? ""}`}>{refundStatusWords[refund.status] ?? refund.status}</span>
              {refund.status === "FAILED" && refund.lastError ? (
                <>
                  <br />
                  <span className="muted">{refund.lastError}</span>
                </>
              ) : null}
            </td>
            <td>
              {refundOriginWords[refund.origin] ?? refund.origin}
              {refund.reason ? (
                <>
                  <br />
                  <span className="muted">“{refund.reason}”</span>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
