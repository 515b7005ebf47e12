import type { Metadata } from "next";
import Link from "next/link";
import { BookingStatus } from "@/components/admin/bookings/booking-status";
import { PaymentBadge } from "@/components/admin/bookings/payment-badge";
import { DataTable } from "@/components/admin/data-table";
import { EntitlementCells, OrderStatusBadge } from "@/components/admin/shop/order-cells";
import { getCustomer } from "@/lib/admin/customers/get-customer";
import { holdExpired } from "@/lib/admin/hold-expired";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { orNotFound } from "@/lib/http/or-not-found";
import { formatMoney } from "@/lib/payments/format-money";
import { formatDateTime } from "@/lib/time/format";

export const metadata: Metadata = { title: "Customer" };

type Props = { params: Promise<{ key: string }> };

export default async function CustomerPage({ params }: Props) {
  const { key: raw } = await params;
  // Next passes the segment still percent-encoded in some versions ("a%40b.com"): decode once, safely.
  const key = safeDecode(raw);
  const coach = await requireCoach(`/admin/customers/${encodeURIComponent(key)}`);
  const customer = await orNotFound(getCustomer({ db: getDb(), actor: coach, key }));
  const { bookings, orders, entitlements, timeZone } = customer;
  const now = new Date();

  return (
    <div className="stack">
      <p>
        <Link href="/admin/customers">← Back to customers</Link>
      </p>
      <h1>{customer.name ?? customer.email}</h1>
      <dl className="details-list">
        <dt>Email</dt>
        <dd>
          <a href={`mailto:${customer.email}`}>{customer.email}</a>
        </dd>
        <dt>Account</dt>
        <dd>{customer.user ? `Signed up ${formatDateTime(customer.user.createdAt, timeZone)}` : "No account: booked or bought as a guest"}</dd>
      </dl>

      <section className="stack" aria-labelledby="bookings-heading">
        <h2 id="bookings-heading">Bookings</h2>
        {bookings.length === 0 ? (
          <p className="muted">No bookings.</p>
        ) : (
          <DataTable captionId="customer-bookings-caption" caption={`Bookings, latest first (times in ${timeZone})`} columns={["When", "Session", "Status", "Payment"]}>
            <tbody>
              {bookings.map((booking) => (
                <tr key={booking.id}>
                  <td>
                    <Link href={`/admin/bookings/${encodeURIComponent(booking.id)}`}>
                      <time dateTime={booking.startsAt.toISOString()}>{formatDateTime(booking.startsAt, timeZone)}</time>
                    </Link>
                  </td>
                  <td>{booking.sessionType.title}</td>
                  <td>
                    <BookingStatus status={booking.status} holdExpired={holdExpired(booking, now)} />
                  </td>
                  <td>
                    <PaymentBadge order={booking.orderItem?.order ?? null} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      <section className="stack" aria-labelledby="orders-heading">
        <h2 id="orders-heading">Orders</h2>
        {orders.length === 0 ? (
          <p className="muted">No orders.</p>
        ) : (
          <DataTable captionId="customer-orders-caption" caption={`Orders, newest first (times in ${timeZone})`} columns={["Placed", "Items", "Total", "Status"]}>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id}>
                  <td>
                    <Link href={`/admin/orders/${encodeURIComponent(order.id)}`}>
                      <time dateTime={order.createdAt.toISOString()}>{formatDateTime(order.createdAt, timeZone)}</time>
                      <span className="visually-hidden"> (order details)</span>
                    </Link>
                  </td>
                  <td>{order.items.map((item) => item.title).join(", ")}</td>
                  <td>
                    {formatMoney(order.totalCents, order.currency)}
                    {order.refundedCents > 0 ? <span className="muted"> ({formatMoney(order.refundedCents, order.currency)} refunded)</span> : null}
                  </td>
                  <td>
                    <OrderStatusBadge order={order} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      <section className="stack" aria-labelledby="access-heading">
        <h2 id="access-heading">Downloads and courses</h2>
        {entitlements.length === 0 ? (
          <p className="muted">No purchases with downloads or course access.</p>
        ) : (
          <DataTable captionId="customer-access-caption" caption="What they bought access to, newest first" columns={["Product", "Access", "Downloads", "Order"]}>
            <tbody>
              {entitlements.map((entitlement) => (
                <tr key={entitlement.id}>
                  <td>
                    <Link href={`/admin/products/${encodeURIComponent(entitlement.product.id)}`}>{entitlement.product.title}</Link>
                  </td>
                  <EntitlementCells entitlement={entitlement} timeZone={timeZone} />
                  <td>
                    <Link href={`/admin/orders/${encodeURIComponent(entitlement.orderItem.orderId)}`}>
                      Order<span className="visually-hidden"> for {entitlement.product.title}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>
    </div>
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
