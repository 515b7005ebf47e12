import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { EntitlementCells } from "@/components/admin/shop/order-cells";
import { orderStatusTones, orderStatusWords } from "@/components/admin/shop/order-labels";
import { RefundsTable } from "@/components/admin/refunds-table";
import { OrderRefundForm } from "@/components/admin/shop/order-refund-form";
import { getOrderForCoach } from "@/lib/admin/orders/get-order-for-coach";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { orNotFound } from "@/lib/http/or-not-found";
import { formatMoney } from "@/lib/payments/format-money";
import { formatDateTime } from "@/lib/time/format";
import { refundOrderAction } from "../actions";

export const metadata: Metadata = { title: "Order" };

type Props = { params: Promise<{ id: string }> };

export default async function OrderPage({ params }: Props) {
  const { id } = await params;
  const coach = await requireCoach(`/admin/orders/${encodeURIComponent(id)}`);
  const { order, timeZone } = await orNotFound(getOrderForCoach({ db: getDb(), actor: coach, id }));
  const money = (cents: number) => formatMoney(cents, order.currency);
  const paid = order.status === "PAID" || order.status === "PARTIALLY_REFUNDED" || order.status === "REFUNDED";
  const remaining = order.totalCents - order.refundedCents;
  const activeAccess = order.items.some((item) => item.entitlement?.status === "ACTIVE");
  const entitlements = order.items.filter((item) => item.entitlement !== null);

  return (
    <div className="stack">
      <p>
        <Link href="/admin/orders">← Back to orders</Link>
      </p>
      <h1>Order from {order.email}</h1>
      <dl className="details-list">
        <dt>Status</dt>
        <dd>
          <span className={`badge ${orderStatusTones[order.status] ?? ""}`}>{orderStatusWords[order.status] ?? order.status}</span>
          {order.provider === "TEST" ? <span className="muted"> Test mode: no money moved.</span> : null}
        </dd>
        <dt>Buyer</dt>
        <dd>
          <Link href={`/admin/customers/${encodeURIComponent(order.email)}`}>{order.email}</Link>
          {order.userId ? <span className="muted"> (has an account)</span> : <span className="muted"> (guest checkout)</span>}
        </dd>
        <dt>Placed</dt>
        <dd>{formatDateTime(order.createdAt, timeZone)}</dd>
        <dt>Paid</dt>
        <dd>{paid ? `${money(order.totalCents)}${order.paidAt ? ` on ${formatDateTime(order.paidAt, timeZone)}` : ""}` : "Nothing yet"}</dd>
        <dt>Refunded</dt>
        <dd>{order.refundedCents > 0 ? `${money(order.refundedCents)} of ${money(order.totalCents)}` : "Nothing"}</dd>
        <dt>Payment</dt>
        <dd>
          {order.provider === "STRIPE" ? "Stripe" : "Test mode"}
          {order.paymentIntentId ? <span className="muted"> · {order.paymentIntentId}</span> : null}
        </dd>
        {order.coupon ? (
          <>
            <dt>Discount code</dt>
            <dd>{order.coupon.code}</dd>
          </>
        ) : null}
      </dl>

      <DataTable captionId="items-caption" caption="What was ordered" columns={["Item", "Quantity", "Price", "Total"]}>
        <tbody>
          {order.items.map((item) => (
            <tr key={item.id}>
              <td>
                {item.booking ? (
                  <Link href={`/admin/bookings/${encodeURIComponent(item.booking.id)}`}>{item.title}</Link>
                ) : item.product ? (
                  <Link href={`/admin/products/${encodeURIComponent(item.product.id)}`}>{item.title}</Link>
                ) : (
                  item.title
                )}
                {item.booking ? (
                  <>
                    <br />
                    <span className="muted">Session on {formatDateTime(item.booking.startsAt, timeZone)}</span>
                  </>
                ) : null}
              </td>
              <td>{item.quantity}</td>
              <td>{money(item.unitPriceCents)}</td>
              <td>{money(item.totalCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {order.discountCents > 0 ? (
            <tr>
              <th scope="row" colSpan={3}>
                Discount
              </th>
              <td>−{money(order.discountCents)}</td>
            </tr>
          ) : null}
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td>{money(order.totalCents)}</td>
          </tr>
        </tfoot>
      </DataTable>

      {entitlements.length ? (
        <section className="stack" aria-labelledby="access-heading">
          <h2 id="access-heading">Downloads and course access</h2>
          <DataTable captionId="access-caption" caption={`What this order gave ${order.email}`} columns={["Product", "Access", "Downloads"]}>
            <tbody>
              {entitlements.map((item) => {
                const entitlement = item.entitlement!;
                return (
                  <tr key={entitlement.id}>
                    <td>{item.product?.title ?? item.title}</td>
                    <EntitlementCells entitlement={entitlement} timeZone={timeZone} />
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="refunds-heading">
        <h2 id="refunds-heading">Refunds</h2>
        {order.refunds.length ? (
          <RefundsTable refunds={order.refunds} currency={order.currency} timeZone={timeZone} />
        ) : (
          <p className="muted">No refunds.</p>
        )}
        {paid && remaining > 0 ? (
          <>
            <h3>Refund</h3>
            {order.items.some((item) => item.kind === "BOOKING") ? (
              <p className="muted">Refunding leaves the booking as it is; cancel it from the booking’s page if it is not going ahead.</p>
            ) : null}
            <OrderRefundForm action={refundOrderAction} orderId={order.id} currency={order.currency} remainingCents={remaining} remaining={money(remaining)} hasAccess={activeAccess} />
          </>
        ) : paid ? (
          <p role="status">This order has been refunded in full.</p>
        ) : (
          <p>Nothing has been paid on this order, so there is nothing to refund.</p>
        )}
      </section>
    </div>
  );
}
