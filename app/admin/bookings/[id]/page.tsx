import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CancelBookingForm, OutcomeButtons } from "@/components/admin/bookings/booking-actions";
import { BookingStatus } from "@/components/admin/bookings/booking-status";
import { getBookingForCoach } from "@/lib/admin/get-booking-for-coach";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { formatPrice } from "@/lib/session-types/format-price";
import { formatDateTime, formatTime } from "@/lib/time/format";
import { cancelBookingAction, markOutcomeAction } from "../actions";

export const metadata: Metadata = { title: "Booking" };

type Props = { params: Promise<{ id: string }> };

const cancelledByWords: Record<string, string> = { CLIENT: "the client", COACH: "you", SYSTEM: "the system" };

export default async function BookingPage({ params }: Props) {
  const { id } = await params;
  const coach = await requireCoach(`/admin/bookings/${encodeURIComponent(id)}`);
  const { booking, timeZone } = await getBookingForCoach({ db: getDb(), actor: coach, id }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const now = new Date();
  const holdExpired = booking.status === "HELD" && booking.holdExpiresAt !== null && booking.holdExpiresAt <= now;
  const live = booking.status === "CONFIRMED" || (booking.status === "HELD" && !holdExpired);
  const canCancel = live && booking.endsAt > now;
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
          <BookingStatus status={booking.status} holdExpired={holdExpired} />
          {booking.status === "HELD" && booking.holdExpiresAt && !holdExpired ? (
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
            <p>The time becomes free for others at once, and {booking.clientName} gets an email with your message.</p>
          ) : (
            <p>This booking is cancelled and its time is free for others.</p>
          )}
          <CancelBookingForm action={cancelBookingAction} bookingId={booking.id} clientName={booking.clientName} open={canCancel} />
        </section>
      ) : null}
    </div>
  );
}
