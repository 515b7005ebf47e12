import type { Metadata } from "next";
import Link from "next/link";
import { BookingPolicyForm } from "@/components/admin/bookings/booking-policy-form";
import { BookingStatus } from "@/components/admin/bookings/booking-status";
import { PaymentBadge } from "@/components/admin/bookings/payment-badge";
import styles from "@/components/admin/bookings/bookings.module.css";
import { DataTable } from "@/components/admin/data-table";
import { FilterField, FilterForm, StatusFilterField } from "@/components/admin/list-filters";
import { Pager } from "@/components/admin/pager";
import { getBookingPolicy } from "@/lib/admin/booking-policy";
import { holdExpired } from "@/lib/admin/hold-expired";
import { firstParam, listHref, listOrUnfiltered } from "@/lib/admin/list-params";
import { BOOKING_STATUSES, listBookingsForCoach, type BookingFilters } from "@/lib/admin/list-bookings-for-coach";
import { bookingStatusLabel } from "@/components/admin/bookings/booking-status";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { formatMoney } from "@/lib/payments/format-money";
import { formatDateTime, formatTime } from "@/lib/time/format";
import { isSameZone } from "@/lib/time/zone";
import { updateBookingPolicyAction } from "./actions";

export const metadata: Metadata = { title: "Bookings" };

type Params = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<Params> };

const query = (filters: Record<string, string | number | undefined>) => listHref("/admin/bookings", filters);

export default async function BookingsPage({ searchParams }: Props) {
  const params = await searchParams;
  const raw = {
    scope: firstParam(params.scope) === "past" ? "past" : "upcoming",
    status: firstParam(params.status),
    from: firstParam(params.from),
    to: firstParam(params.to),
    search: firstParam(params.q),
    page: Math.max(1, Math.trunc(Number(firstParam(params.page))) || 1),
  } as const;
  const coach = await requireCoach(query({ ...raw, q: raw.search, search: undefined }));
  const db = getDb();
  // Filters that don't parse (a hand-edited URL) are explained, and the unfiltered list shown.
  const { result, problem } = await listOrUnfiltered(
    () => listBookingsForCoach({ db, actor: coach, filters: raw as BookingFilters }),
    () => listBookingsForCoach({ db, actor: coach, filters: { scope: raw.scope } }),
  );
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

      <FilterForm
        action="/admin/bookings"
        gridClassName={styles.filters}
        hiddenFields={raw.scope === "past" ? <input type="hidden" name="scope" value="past" /> : null}
        submitText="Show bookings"
        clearHref={filtered ? query({ scope: raw.scope === "past" ? "past" : undefined }) : null}
      >
        <StatusFilterField value={raw.status} statuses={BOOKING_STATUSES} label={bookingStatusLabel} />
        <FilterField name="from" label="From date" type="date" value={raw.from} error={invalid.from} />
        <FilterField name="to" label="To date" type="date" value={raw.to} error={invalid.to} />
        <FilterField name="q" label="Client name or email" type="search" value={raw.search} />
      </FilterForm>

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
            columns={["When", "Client", "Session", "Status", "Payment"]}
          >
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
                    {!isSameZone(booking.clientTimeZone, timeZone) ? (
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
                    <BookingStatus status={booking.status} holdExpired={holdExpired(booking, now)} />
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
