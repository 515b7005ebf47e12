import type { Metadata } from "next";
import Link from "next/link";
import { CancelBookingForm, OutcomeButtons } from "@/components/admin/bookings/booking-actions";
import { BookingStatus } from "@/components/admin/bookings/booking-status";
import { PaymentBadge } from "@/components/admin/bookings/payment-badge";
import { RefundForm } from "@/components/admin/bookings/refund-form";
import { RefundsTable } from "@/components/admin/refunds-table";
import { getBookingForCoach } from "@/lib/admin/get-booking-for-coach";
import { holdExpired } from "@/lib/admin/hold-expired";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { orNotFound } from "@/lib/http/or-not-found";
import { formatPrice } from "@/lib/session-types/format-price";
import { formatMoney } from "@/lib/payments/format-money";
import { formatDateTime, formatTime } from "@/lib/time/format";
import { cancelBookingAction, markOutcomeAction, refundBookingAction } from "../actions";

export const metadata: Metadata = { title: "Booking" };

type Props = { params: Promise<{ id: string }> };

const cancelledByWords: Record<string, string> = { CLIENT: "the client", COACH: "you", SYSTEM: "the system" };

export default async function BookingPage({ params }: Props) {
  const { id } = await params;
  const coach = await requireCoach(`/admin/bookings/${encodeURIComponent(id)}`);
  const { booking, order, timeZone } = await orNotFound(getBookingForCoach({ db: getDb(), actor: coach, id }));
  const now = new Date();
  const expired = holdExpired(booking, now);
  const live = booking.status === "CONFIRMED" || (booking.status === "HELD" && !expired);
  // A hold whose payment is still open is released by the payment page or the hold sweep, not here.
  const awaitingPayment = order?.status === "PENDING";
  const canCancel = live && booking.endsAt > now && !awaitingPayment;
  const canMark = booking.status === "CONFIRMED" && booking.startsAt <= now;
  const marked = booking.status === "COMPLETED" || booking.status === "NO_SHOW";

  return (
    <div className="stack">
      <p>
        <Link href="/admin/bookings">← Back to bookings</Link>
      </p>
      <h1>
        {booking.clientName}: {booking.sessionType.title}
      </h1>
      <dl className="details-list">
        <dt>When (your time)</dt>
        <dd>
          <time dateTime={booking.startsAt.toISOString()}>{formatDateTime(booking.startsAt, timeZone)}</time> until {formatTime(booking.endsAt, timeZone)}
        </dd>
        <dt>When (client’s time)</dt>
        <dd>
          {formatDateTime(booking.startsAt, booking.clientTimeZone)} until {formatTime(booking.endsAt, booking.clientTimeZone)}
        </dd>
        <dt>Status</dt>
        <dd>
          <BookingStatus status={booking.status} holdExpired={expired} />
          {booking.status === "HELD" && booking.holdExpiresAt && !expired ? (
            <span className="muted"> (held for payment until {formatDateTime(booking.holdExpiresAt, timeZone)})</span>
          ) : null}
        </dd>
        <dt>Client</dt>
        <dd>
          {booking.clientName}, <a href={`mailto:${booking.clientEmail}`}>{booking.clientEmail}</a>
        </dd>
        <dt>Session</dt>
        <dd>
          <Link href={`/admin/session-types/${encodeURIComponent(booking.sessionType.id)}`}>{booking.sessionType.title}</Link>
        </dd>
        <dt>Price</dt>
        <dd>{formatPrice(booking.priceCents, booking.currency)}</dd>
        <dt>Booked</dt>
        <dd>{formatDateTime(booking.createdAt, timeZone)}</dd>
        {booking.cancelledAt ? (
          <>
            <dt>Cancelled</dt>
            <dd>
              {formatDateTime(booking.cancelledAt, timeZone)}
              {booking.cancelledBy ? ` by ${cancelledByWords[booking.cancelledBy] ?? booking.cancelledBy.toLowerCase()}` : ""}
              {booking.cancelReason ? `: “${booking.cancelReason}”` : ""}
            </dd>
          </>
        ) : null}
      </dl>

      <section className="stack" aria-labelledby="answers-heading">
        <h2 id="answers-heading">Answers</h2>
        {booking.answers.length === 0 ? (
          <p className="muted">This session type asks no questions.</p>
        ) : (
          <dl className="details-list">
            {booking.answers.map((answer) => (
              <div key={answer.id} style={{ display: "contents" }}>
                <dt>{answer.question}</dt>
                <dd>{answer.answer ?? <span className="muted">No answer</span>}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      {awaitingPayment && live ? (
        <p className="notice">
          Waiting for {booking.clientName}&apos;s payment. If it doesn&apos;t arrive
          {booking.holdExpiresAt ? ` by ${formatDateTime(booking.holdExpiresAt, timeZone)}` : " in time"}, the time is released
          automatically and nothing is charged.
        </p>
      ) : null}
      {order ? <PaymentPanel order={order} bookingId={booking.id} clientName={booking.clientName} timeZone={timeZone} /> : null}

      {/* Kept mounted once the outcome is set or the booking cancelled, so the answer stays in view. */}
      {canMark || marked ? (
        <section className="card stack" aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">How did it go?</h2>
          {marked ? (
            <p>This session is marked as {booking.status === "COMPLETED" ? "completed" : "a no-show"}.</p>
          ) : (
            <p>Mark the session once it has taken place, or if the client did not come.</p>
          )}
          <OutcomeButtons action={markOutcomeAction} bookingId={booking.id} open={canMark} />
        </section>
      ) : null}

      {canCancel || booking.status === "CANCELLED" ? (
        <section className="card stack" aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{canCancel ? "Cancel this booking" : "Cancelled"}</h2>
          {canCancel ? (
            <p>
              The time becomes free for others at once, and {booking.clientName} gets an email with your message.
              {order && order.totalCents > order.refundedCents && order.status !== "PENDING"
                ? ` A paid booking is refunded in full when you cancel it: ${formatMoney(order.totalCents - order.refundedCents, order.currency)}.`
                : ""}
            </p>
          ) : (
            <p>This booking is cancelled and its time is free for others.</p>
          )}
          <CancelBookingForm action={cancelBookingAction} bookingId={booking.id} clientName={booking.clientName} open={canCancel} />
        </section>
      ) : null}
    </div>
  );
}

type Order = NonNullable<Awaited<ReturnType<typeof getBookingForCoach>>["order"]>;

/** Status, amounts and refunds of a paid booking, and the coach's refund form while money is left to refund. */
function PaymentPanel({ order, bookingId, clientName, timeZone }: { order: Order; bookingId: string; clientName: string; timeZone: string }) {
  const money = (cents: number) => formatMoney(cents, order.currency);
  const paid = order.status === "PAID" || order.status === "PARTIALLY_REFUNDED" || order.status === "REFUNDED";
  const remaining = order.totalCents - order.refundedCents;
  return (
    <section className="card stack" aria-labelledby="payment-heading">
      <h2 id="payment-heading">Payment</h2>
      <dl className="details-list">
        <dt>Status</dt>
        <dd>
          <PaymentBadge order={order} />
          {order.provider === "TEST" ? <span className="muted"> Test mode: no money moved.</span> : null}
        </dd>
        <dt>Price</dt>
        <dd>{money(order.totalCents)}</dd>
        <dt>Paid</dt>
        <dd>{paid ? `${money(order.totalCents)}${order.paidAt ? ` on ${formatDateTime(order.paidAt, timeZone)}` : ""}` : "Nothing yet"}</dd>
        <dt>Refunded</dt>
        <dd>{order.refundedCents > 0 ? `${money(order.refundedCents)} of ${money(order.totalCents)}` : "Nothing"}</dd>
      </dl>
      {order.refunds.length ? (
        <RefundsTable refunds={order.refunds} currency={order.currency} timeZone={timeZone} />
      ) : null}
      {paid && remaining > 0 ? (
        <>
          <h3>Refund</h3>
          <RefundForm action={refundBookingAction} bookingId={bookingId} currency={order.currency} remaining={money(remaining)} clientName={clientName} />
        </>
      ) : paid ? (
        <p>This booking has been refunded in full.</p>
      ) : null}
    </section>
  );
}
