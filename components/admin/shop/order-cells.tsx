import { entitlementStatusTones, entitlementStatusWords, orderStatusTones, orderStatusWords } from "@/components/admin/shop/order-labels";
import { formatDateTime } from "@/lib/time/format";

// Table cells the back office's order lists share (orders, a customer, an order's access).

/** An order's status as a badge, "(test)" for a test-mode payment. */
export function OrderStatusBadge({ order }: { order: { status: string; provider: string } }) {
  return (
    <span className={`badge ${orderStatusTones[order.status] ?? ""}`}>
      {orderStatusWords[order.status] ?? order.status}
      {order.provider === "TEST" ? " (test)" : ""}
    </span>
  );
}

type Entitlement = { status: string; revokedAt: Date | null; revokeReason: string | null; downloadCount: number; lastDownloadAt: Date | null };

/** The access and downloads cells of a purchase with downloads or a course. */
export function EntitlementCells({ entitlement, timeZone }: { entitlement: Entitlement; timeZone: string }) {
  return (
    <>
      <td>
        <span className={`badge ${entitlementStatusTones[entitlement.status] ?? ""}`}>{entitlementStatusWords[entitlement.status] ?? entitlement.status}</span>
        {entitlement.revokedAt ? (
          <>
            <br />
            <span className="muted">
              {formatDateTime(entitlement.revokedAt, timeZone)}
              {entitlement.revokeReason ? `: ${entitlement.revokeReason}` : ""}
            </span>
          </>
        ) : null}
      </td>
      <td>
        {entitlement.downloadCount}
        {entitlement.lastDownloadAt ? <span className="muted"> (last {formatDateTime(entitlement.lastDownloadAt, timeZone)})</span> : null}
      </td>
    </>
  );
}
