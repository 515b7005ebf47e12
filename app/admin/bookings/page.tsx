import type { Metadata } from "next";
import Link from "next/link";
import { BookingPolicyForm } from "@/components/admin/bookings/booking-policy-form";
import { BookingStatus } from "@/components/admin/bookings/booking-status";
import { PaymentBadge } from "@/components/admin/bookings/payment-badge";
import styles from "@/components/admin/bookings/bookings.module.css";
import { DataTable } from "@/components/admin/data-table";
import { Pager } from "@/components/admin/pager";
import { getBookingPolicy } from "@/lib/admin/booking-policy";
import { BOOKING_STATUSES, listBookingsForCoach, type BookingFilters } from "@/lib/admin/list-bookings-for-coach";
import { bookingStatusLabel } from "@/components/admin/bookings/booking-status";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { InvalidInputError } from "@/lib/errors";
import { formatMoney } from "@/lib/payments/format-money";
import { formatDateTime, formatTime } from "@/lib/time/format";
import { updateBookingPolicyAction } from "./actions";

export const metadata: Metadata = { title: "Bookings" };

type Params = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<Params> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

function query(filters: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "" && !(key === "page" && value === 1)) params.set(key, String(value));
  const text = params.toString();
  return text ? `/admin/bookings?${text}` : "/admin/bookings";
}

export default async function BookingsPage({ searchParams }: Props) {
  const params = await searchParams;
  const raw = {
    scope: first(params.scope) === "past" ? "past" : "upcoming",
    status: first(params.status),
    from: first(params.from),
    to: first(params.to),
    search: first(params.q),
    page: Math.max(1, Math.trunc(Number(first(params.page))) || 1),
  } as const;
  const coach = await requireCoach(query({ ...raw, q: raw.search, search: undefined }));
  const db = getDb();
  // Filters that don't parse (a hand-edited URL) are explained, and the unfiltered list shown.
  const attempt = await listBookingsForCoach({ db, actor: coach, filters: raw as BookingFilters }).then(
    (result) => ({ result, problem: null }),
    (error: unknown) => {
      if (error instanceof InvalidInputError) return { result: null, problem: error };
      throw error;
    },
  );
  const problem = attempt.problem;
  const result = attempt.result ?? (await listBookingsForCoach({ db, actor: coach, filters: { scope: raw.scope } }));
  const { bookings, page, pageCount, total, timeZone } = result;
  const policy = await getBookingPolicy({ db, actor: coach });
  const current = { scope: raw.scope, status: raw.status, from: raw.from, to: raw.to, q: raw.search };
  const filtered = Boolean(raw.status || raw.from || raw.to || raw.search);
  const now = new Date();
  const invalid = problem?.fields ?? {};

  return (
    <div className="stack">
      <h1>Bookings</h1>
      <nav aria-label="Upcoming or past">
        <ul className={styles.tabs}>
          <li>
            <Link href={query({ ...current, scope: undefined })} className="tab-link" aria-current={raw.scope === "upcoming" ? "page" : undefined}>
              Upcoming
            </Link>
          </li>
          <li>
            <Link href={query({ ...current, scope: "past" })} className="tab-link" aria-current={raw.scope === "past" ? "page" : undefined}>
              Past
            </Link>
          </li>
        </ul>
      </nav>

      <form method="get" action="/admin/bookings" className="card stack" aria-labelledby="filters-heading">
        <h2 id="filters-heading" className="notice-heading">
          Filter
        </h2>
        {raw.scope === "past" ? <input type="hidden" name="scope" value="past" /> : null}
        <div className={styles.filters}>
          <div className="field">
            <label htmlFor="filter-status">Status</label>
            <select id="filter-status" name="status" defaultValue={raw.status ?? ""}>
              <option value="">Any status</option>
              {BOOKING_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {bookingStatusLabel(status)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-from">From date</label>
            <input id="filter-from" name="from" type="date" defaultValue={raw.from} aria-invalid={invalid.from ? true : undefined} aria-describedby={invalid.from ? "filter-from-error" : undefined} />
            {invalid.from ? <span id="filter-from-error" className="field-error">{invalid.from}</span> : null}
          </div>
          <div className="field">
            <label htmlFor="filter-to">To date</label>
            <input id="filter-to" name="to" type="date" defaultValue={raw.to} aria-invalid={invalid.to ? true : undefined} aria-describedby={invalid.to ? "filter-to-error" : undefined} />
            {invalid.to ? <span id="filter-to-error" className="field-error">{invalid.to}</span> : null}
          </div>
          <div className="field">
            <label htmlFor="filter-q">Client name or email</label>
            <input id="filter-q" name="q" type="search" defaultValue={raw.search} />
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Show bookings
          </button>
          {filtered ? <Link href={query({ scope: raw.scope === "past" ? "past" : undefined })}>Clear filters</Link> : null}
        </div>
      </form>

      {problem ? (
        <p className="notice notice-warn" role="status">
          {problem.message} Showing all {raw.scope} bookings instead.
        </p>
      ) : null}

      {total === 0 ? (
        <p>{filtered ? "No bookings match those filters." : raw.scope === "upcoming" ? "No upcoming bookings yet." : "No past bookings yet."}</p>
      ) : (
        <>
          <DataTable
            captionId="bookings-caption"
            caption={`${raw.scope === "upcoming" ? "Upcoming bookings, soonest first" : "Past bookings, most recent first"}: page ${page} of ${pageCount} (${total} in all). Times are in ${timeZone}.`}
          >
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Client</th>
                <th scope="col">Session</th>
                <th scope="col">Status</th>
                <th scope="col">Payment</th>
              </tr>
            </thead>
            <tbody>
              {bookings.map((booking) => (
                <tr key={booking.id}>
                  <td className={styles.when}>
                    <Link href={`/admin/bookings/${encodeURIComponent(booking.id)}`}>
                      <time dateTime={booking.startsAt.toISOString()}>{formatDateTime(booking.startsAt, timeZone)}</time>
                      <span className="visually-hidden"> (details)</span>
                    </Link>
                    <br />
                    <span className="muted">until {formatTime(booking.endsAt, timeZone)}</span>
                    {booking.clientTimeZone !== timeZone ? (
                      <>
                        <br />
                        <span className="muted">Client’s time: {formatDateTime(booking.startsAt, booking.clientTimeZone)}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {booking.clientName}
                    <br />
                    <span className="muted">{booking.clientEmail}</span>
                  </td>
                  <td>{booking.sessionType.title}</td>
                  <td>
                    <BookingStatus status={booking.status} holdExpired={booking.status === "HELD" && booking.holdExpiresAt !== null && booking.holdExpiresAt <= now} />
                  </td>
                  <td>
                    <PaymentBadge order={booking.orderItem?.order ?? null} />
                    {booking.orderItem ? (
                      <>
                        <br />
                        <span className="muted">
                          {formatMoney(booking.orderItem.order.totalCents, booking.orderItem.order.currency)}
                          {booking.orderItem.order.refundedCents > 0
                            ? `, ${formatMoney(booking.orderItem.order.refundedCents, booking.orderItem.order.currency)} refunded`
                            : ""}
                        </span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <Pager
            label="Booking pages"
            page={page}
            pageCount={pageCount}
            hrefForPage={(n) => query({ ...current, page: n })}
            previousText="Previous page"
            nextText="Next page"
          />
        </>
      )}

      <section className="card stack" aria-labelledby="policy-heading">
        <h2 id="policy-heading">Cancellation policy</h2>
        <p>
          Clients can reschedule or cancel online until {policy.cancellationCutoffHours} hours before a session, with a full refund
          for a paid one. After that, a paid session can still be cancelled online until it starts, with the refund below.
        </p>
        <BookingPolicyForm action={updateBookingPolicyAction} percent={policy.lateCancellationRefundPercent} cutoffHours={policy.cancellationCutoffHours} />
      </section>
    </div>
  );
}
