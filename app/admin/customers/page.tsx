import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { Pager } from "@/components/admin/pager";
import styles from "@/components/admin/shop/shop-admin.module.css";
import { listCustomers } from "@/lib/admin/customers/list-customers";
import { firstParam, listHref, listOrUnfiltered } from "@/lib/admin/list-params";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { formatDateTime } from "@/lib/time/format";

export const metadata: Metadata = { title: "Customers" };

type Params = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<Params> };

const query = (filters: { q?: string; page?: number }) => listHref("/admin/customers", filters);

export default async function CustomersPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = firstParam(params.q);
  const askedPage = Math.max(1, Math.trunc(Number(firstParam(params.page))) || 1);
  const coach = await requireCoach(query({ q, page: askedPage }));
  const db = getDb();
  const { result, problem } = await listOrUnfiltered(
    () => listCustomers({ db, actor: coach, filters: { search: q, page: askedPage } }),
    () => listCustomers({ db, actor: coach }),
  );
  const { customers, page, pageCount, total, timeZone } = result;

  return (
    <div className="stack">
      <h1>Customers</h1>
      <p>Everyone who has booked you, bought something or holds a purchase, by email address.</p>

      <form method="get" action="/admin/customers" className="card stack" role="search" aria-label="Customers">
        <div className={styles.filters}>
          <div className="field">
            <label htmlFor="customers-q">Name or email</label>
            <input id="customers-q" name="q" type="search" defaultValue={q} maxLength={200} />
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Search
          </button>
          {q ? <Link href="/admin/customers">Show everyone</Link> : null}
        </div>
      </form>

      {problem ? (
        <p className="notice notice-warn" role="status">
          {problem.message} Showing everyone instead.
        </p>
      ) : null}

      {total === 0 ? (
        <p>{q ? "Nobody matches that search." : "No customers yet. People appear here once they book or buy."}</p>
      ) : (
        <>
          <DataTable captionId="customers-caption" caption={`Customers, most recently active first: page ${page} of ${pageCount} (${total} in all). Times are in ${timeZone}.`}>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Bookings</th>
                <th scope="col">Paid orders</th>
                <th scope="col">Purchases with access</th>
                <th scope="col">Last activity</th>
              </tr>
            </thead>
            <tbody>
              {customers.map((customer) => (
                <tr key={customer.email}>
                  <td>
                    <Link href={`/admin/customers/${encodeURIComponent(customer.email)}`}>{customer.name ?? customer.email}</Link>
                    {customer.name ? (
                      <>
                        <br />
                        <span className="muted">{customer.email}</span>
                      </>
                    ) : null}
                    {customer.hasAccount ? (
                      <>
                        <br />
                        <span className="badge badge-muted">Has an account</span>
                      </>
                    ) : null}
                  </td>
                  <td>{customer.bookings}</td>
                  <td>{customer.orders}</td>
                  <td>{customer.activeEntitlements}</td>
                  <td>
                    <time dateTime={customer.lastActivityAt.toISOString()}>{formatDateTime(customer.lastActivityAt, timeZone)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <Pager label="Customer pages" page={page} pageCount={pageCount} hrefForPage={(n) => query({ q, page: n })} previousText="Previous page" nextText="Next page" />
        </>
      )}
    </div>
  );
}
