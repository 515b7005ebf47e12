import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { Pager } from "@/components/admin/pager";
import { orderStatusTones, orderStatusWords } from "@/components/admin/shop/order-labels";
import styles from "@/components/admin/shop/shop-admin.module.css";
import { listOrdersForCoach, type OrderFilters } from "@/lib/admin/orders/list-orders-for-coach";
import { ORDER_STATUSES } from "@/lib/admin/orders/order-scope";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { InvalidInputError } from "@/lib/errors";
import { formatMoney } from "@/lib/payments/format-money";
import { formatDateTime } from "@/lib/time/format";

export const metadata: Metadata = { title: "Orders" };

type Params = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<Params> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

function query(filters: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "" && !(key === "page" && value === 1)) params.set(key, String(value));
  const text = params.toString();
  return text ? `/admin/orders?${text}` : "/admin/orders";
}

export default async function OrdersPage({ searchParams }: Props) {
  const params = await searchParams;
  const raw = {
    status: first(params.status),
    email: first(params.email),
    from: first(params.from),
    to: first(params.to),
    page: Math.max(1, Math.trunc(Number(first(params.page))) || 1),
  };
  const coach = await requireCoach(query(raw));
  const db = getDb();
  // Filters that don't parse (a hand-edited URL) are explained, and the unfiltered list shown.
  const attempt = await listOrdersForCoach({ db, actor: coach, filters: raw as OrderFilters }).then(
    (result) => ({ result, problem: null }),
    (error: unknown) => {
      if (error instanceof InvalidInputError) return { result: null, problem: error };
      throw error;
    },
  );
  const problem = attempt.problem;
  const result = attempt.result ?? (await listOrdersForCoach({ db, actor: coach }));
  const { orders, page, pageCount, total, timeZone } = result;
  const current = { status: raw.status, email: raw.email, from: raw.from, to: raw.to };
  const filtered = Boolean(raw.status || raw.email || raw.from || raw.to);
  const invalid = problem?.fields ?? {};

  return (
    <div className="stack">
      <h1>Orders</h1>
      <p>Every payment: shop purchases and paid sessions, newest first.</p>

      <form method="get" action="/admin/orders" className="card stack" aria-labelledby="filters-heading">
        <h2 id="filters-heading" className="notice-heading">
          Filter
        </h2>
        <div className={styles.filters}>
          <div className="field">
            <label htmlFor="filter-status">Status</label>
            <select id="filter-status" name="status" defaultValue={raw.status ?? ""}>
              <option value="">Any status</option>
              {ORDER_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {orderStatusWords[status]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-email">Buyer’s email contains</label>
            <input id="filter-email" name="email" type="search" defaultValue={raw.email} aria-invalid={invalid.email ? true : undefined} aria-describedby={invalid.email ? "filter-email-error" : undefined} />
            {invalid.email ? <span id="filter-email-error" className="field-error">{invalid.email}</span> : null}
          </div>
          <div className="field">
            <label htmlFor="filter-from">Placed from</label>
            <input id="filter-from" name="from" type="date" defaultValue={raw.from} aria-invalid={invalid.from ? true : undefined} aria-describedby={invalid.from ? "filter-from-error" : undefined} />
            {invalid.from ? <span id="filter-from-error" className="field-error">{invalid.from}</span> : null}
          </div>
          <div className="field">
            <label htmlFor="filter-to">Placed until</label>
            <input id="filter-to" name="to" type="date" defaultValue={raw.to} aria-invalid={invalid.to ? true : undefined} aria-describedby={invalid.to ? "filter-to-error" : undefined} />
            {invalid.to ? <span id="filter-to-error" className="field-error">{invalid.to}</span> : null}
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Show orders
          </button>
          {filtered ? <Link href="/admin/orders">Clear filters</Link> : null}
        </div>
      </form>

      {problem ? (
        <p className="notice notice-warn" role="status">
          {problem.message} Showing all orders instead.
        </p>
      ) : null}

      {total === 0 ? (
        <p>{filtered ? "No orders match those filters." : "No orders yet. They appear here as soon as someone starts a checkout."}</p>
      ) : (
        <>
          <DataTable captionId="orders-caption" caption={`Orders, newest first: page ${page} of ${pageCount} (${total} in all). Times are in ${timeZone}.`}>
            <thead>
              <tr>
                <th scope="col">Placed</th>
                <th scope="col">Buyer</th>
                <th scope="col">Items</th>
                <th scope="col">Total</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
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
                    <span className={`badge ${orderStatusTones[order.status] ?? ""}`}>
                      {orderStatusWords[order.status] ?? order.status}
                      {order.provider === "TEST" ? " (test)" : ""}
                    </span>
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
