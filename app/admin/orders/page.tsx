import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { FilterField, FilterForm, StatusFilterField } from "@/components/admin/list-filters";
import { Pager } from "@/components/admin/pager";
import { OrderStatusBadge } from "@/components/admin/shop/order-cells";
import { orderStatusWords } from "@/components/admin/shop/order-labels";
import styles from "@/components/admin/shop/shop-admin.module.css";
import { listOrdersForCoach, type OrderFilters } from "@/lib/admin/orders/list-orders-for-coach";
import { ORDER_STATUSES } from "@/lib/admin/orders/order-scope";
import { firstParam, listHref, listOrUnfiltered } from "@/lib/admin/list-params";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { formatMoney } from "@/lib/payments/format-money";
import { formatDateTime } from "@/lib/time/format";

export const metadata: Metadata = { title: "Orders" };

type Params = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<Params> };

const query = (filters: Record<string, string | number | undefined>) => listHref("/admin/orders", filters);

export default async function OrdersPage({ searchParams }: Props) {
  const params = await searchParams;
  const raw = {
    status: firstParam(params.status),
    email: firstParam(params.email),
    from: firstParam(params.from),
    to: firstParam(params.to),
    page: Math.max(1, Math.trunc(Number(firstParam(params.page))) || 1),
  };
  const coach = await requireCoach(query(raw));
  const db = getDb();
  // Filters that don't parse (a hand-edited URL) are explained, and the unfiltered list shown.
  const { result, problem } = await listOrUnfiltered(
    () => listOrdersForCoach({ db, actor: coach, filters: raw as OrderFilters }),
    () => listOrdersForCoach({ db, actor: coach }),
  );
  const { orders, page, pageCount, total, timeZone } = result;
  const current = { status: raw.status, email: raw.email, from: raw.from, to: raw.to };
  const filtered = Boolean(raw.status || raw.email || raw.from || raw.to);
  const invalid = problem?.fields ?? {};

  return (
    <div className="stack">
      <h1>Orders</h1>
      <p>Every payment: shop purchases and paid sessions, newest first.</p>

      <FilterForm action="/admin/orders" gridClassName={styles.filters} submitText="Show orders" clearHref={filtered ? "/admin/orders" : null}>
        <StatusFilterField value={raw.status} statuses={ORDER_STATUSES} label={(status) => orderStatusWords[status]} />
        <FilterField name="email" label="Buyer’s email contains" type="search" value={raw.email} error={invalid.email} />
        <FilterField name="from" label="Placed from" type="date" value={raw.from} error={invalid.from} />
        <FilterField name="to" label="Placed until" type="date" value={raw.to} error={invalid.to} />
      </FilterForm>

      {problem ? (
        <p className="notice notice-warn" role="status">
          {problem.message} Showing all orders instead.
        </p>
      ) : null}

      {total === 0 ? (
        <p>{filtered ? "No orders match those filters." : "No orders yet. They appear here as soon as someone starts a checkout."}</p>
      ) : (
        <>
          <DataTable captionId="orders-caption" caption={`Orders, newest first: page ${page} of ${pageCount} (${total} in all). Times are in ${timeZone}.`} columns={["Placed", "Buyer", "Items", "Total", "Status"]}>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id}>
                  <td>
                    <Link href={`/admin/orders/${encodeURIComponent(order.id)}`}>
                      <time dateTime={order.createdAt.toISOString()}>{formatDateTime(order.createdAt, timeZone)}</time>
                      <span className="visually-hidden"> (details)</span>
                    </Link>
                  </td>
                  <td>
                    <Link href={`/admin/customers/${encodeURIComponent(order.email)}`}>{order.email}</Link>
                  </td>
                  <td>
                    {order.items.map((item) => (
                      <span key={item.id}>
                        {item.title}
                        {item.quantity > 1 ? ` × ${item.quantity}` : ""}
                        {item.kind === "BOOKING" ? <span className="muted"> (session)</span> : null}
                        <br />
                      </span>
                    ))}
                  </td>
                  <td>
                    {formatMoney(order.totalCents, order.currency)}
                    {order.refundedCents > 0 ? (
                      <>
                        <br />
                        <span className="muted">{formatMoney(order.refundedCents, order.currency)} refunded</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <OrderStatusBadge order={order} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <Pager label="Order pages" page={page} pageCount={pageCount} hrefForPage={(n) => query({ ...current, page: n })} previousText="Previous page" nextText="Next page" />
        </>
      )}
    </div>
  );
}
