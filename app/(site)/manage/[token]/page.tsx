import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrivalNotice } from "@/components/booking/arrival-notice";
import { firstName, sessionTimesLabel, statusLabel } from "@/components/booking/labels";
import { ManageBooking } from "@/components/booking/manage-booking";
import { PaymentFacts } from "@/components/booking/payment-facts";
import { cancellationRefundSentence, REFUND_TIMING } from "@/components/booking/payment-labels";
import { findBookingByManageToken } from "@/lib/booking/find-booking-by-token";
import { getSessionType } from "@/lib/catalogue/get-session-type";
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { formatMoney } from "@/lib/payments/format-money";
import { formatDateTime } from "@/lib/time/format";
import { isSameZone } from "@/lib/time/zone";
import { cancelBookingAction, rescheduleBookingAction } from "./actions";
import styles from "./manage.module.css";

// GET never changes anything: this page only reads the booking. Changes are server actions (POST).
// The token stays out of titles, logs and analytics; the layout sets no-referrer and noindex.

export const metadata: Metadata = { title: "Your booking" };

type Params = { token: string };
type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ManageBookingPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<SearchParams> }) {
  const { token } = await params;
  const query = await searchParams;
  const done = first(query.done);
  const step = first(query.step);
  const db = getDb();
  let booking: Awaited<ReturnType<typeof findBookingByManageToken>>;
  try {
    booking = await findBookingByManageToken({ db, token });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }

  const now = new Date();
  const coach = firstName(booking.coachName);
  const slot = { start: booking.start, end: booking.end };
  const ended = Date.parse(booking.end) <= now.getTime();
  const bookAgain = `/book/${booking.sessionType.slug}`;
  const payment = booking.payment;
  const testMode = payment?.provider === "TEST";
  const refund = booking.cancellationRefund;
  const cutoffHours = Math.round((Date.parse(booking.start) - Date.parse(booking.changeDeadline)) / 3_600_000);
  const refundNotice =
    refund && payment
      ? cancellationRefundSentence({ refund, totalCents: payment.totalCents, cutoffHours, coachName: coach, testMode })
      : null;

  let pickerSessionType: { slug: string; horizonDays: number } | null = null;
  if (booking.canChange) {
    try {
      const type = await getSessionType({ db, slug: booking.sessionType.slug });
      pickerSessionType = { slug: type.slug, horizonDays: type.horizonDays };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  return (
    <div className="stack">
      <h1>Your booking</h1>

      {done === "rescheduled" && booking.status === "CONFIRMED" ? (
        <ArrivalNotice heading="Your session has moved">
          <p>
            The new time is <strong>{sessionTimesLabel(slot, booking.clientTimeZone)}</strong>. An updated calendar invite is on
            its way to you, and {coach} has been told.
          </p>
        </ArrivalNotice>
      ) : null}
      {done === "cancelled" && booking.status === "CANCELLED" ? (
        <ArrivalNotice heading="Your session is cancelled">
          <p>
            A confirmation is on its way to your email, and {coach} has been told. You&apos;re welcome to{" "}
            <Link href={bookAgain}>book another time</Link> whenever you like.
          </p>
          {payment && payment.refundedCents > 0 ? (
            <p>
              {formatMoney(payment.refundedCents, payment.currency)} is being refunded to the card you paid with, and an email
              about it is on its way. {testMode ? "This was a test payment, so no money moves." : REFUND_TIMING}
            </p>
          ) : null}
        </ArrivalNotice>
      ) : null}

      <section className="card stack" aria-labelledby="booking-heading">
        <h2 id="booking-heading">{booking.sessionType.title}</h2>
        <dl className={styles.facts}>
          <div>
            <dt>Status</dt>
            <dd>{statusLabel(booking.status)}</dd>
          </div>
          <div>
            <dt>Your time</dt>
            <dd>{sessionTimesLabel(slot, booking.clientTimeZone)}</dd>
          </div>
          {!isSameZone(booking.coachTimeZone, booking.clientTimeZone) ? (
            <div>
              <dt>{coach}&apos;s time</dt>
              <dd>{sessionTimesLabel(slot, booking.coachTimeZone)}</dd>
            </div>
          ) : null}
          {payment ? <PaymentFacts payment={payment} coachName={coach} /> : null}
          <div>
            <dt>Booked for</dt>
            <dd className={styles.wrap}>
              {booking.clientName} ({booking.clientEmail})
            </dd>
          </div>
        </dl>
      </section>

      <StatusGuidance booking={booking} coach={coach} ended={ended} bookAgain={bookAgain} />

      {booking.canChange || booking.canCancel ? (
        <ManageBooking
          // A fresh island after each change (the redirect back here), starting from the overview.
          key={`${booking.status}-${booking.start}-${done ?? ""}-${step ?? ""}`}
          token={token}
          sessionType={pickerSessionType}
          current={slot}
          coachName={coach}
          canReschedule={booking.canChange}
          canCancel={booking.canCancel}
          paid={payment !== null && refund !== null}
          refundNotice={refundNotice}
          expectedRefundCents={refund ? refund.amountCents : null}
          changeDeadline={formatDateTime(new Date(booking.changeDeadline), booking.clientTimeZone)}
          now={now.toISOString()}
          rescheduleAction={rescheduleBookingAction}
          cancelAction={cancelBookingAction}
          initialMode={step === "cancel" && booking.canCancel ? "cancel" : "overview"}
        />
      ) : null}
    </div>
  );
}

type Booking = Awaited<ReturnType<typeof findBookingByManageToken>>;

function StatusGuidance({ booking, coach, ended, bookAgain }: { booking: Booking; coach: string; ended: boolean; bookAgain: string }) {
  switch (booking.status) {
    case "CONFIRMED":
      if (booking.canChange || booking.canCancel) return null;
      if (ended) {
        return (
          <p>
            This session&apos;s time has passed. If you&apos;d like another, you can <Link href={bookAgain}>book a new time</Link>.
          </p>
        );
      }
      return (
        <div className="notice stack">
          <h2 className="notice-heading">Changes online have closed for this session</h2>
          <p>
            {`Rescheduling and cancelling online closed at ${formatDateTime(new Date(booking.changeDeadline), booking.clientTimeZone)}.`}{" "}
            If something has come up, that happens: reply to your confirmation email and {coach} will work it out with you.
          </p>
        </div>
      );
    case "CANCELLED":
      return (
        <div className="notice stack">
          <h2 className="notice-heading">This session is cancelled</h2>
          <p>
            {booking.cancelledAt
              ? `It was cancelled on ${formatDateTime(new Date(booking.cancelledAt), booking.clientTimeZone)}. `
              : null}
            Nothing more is needed from you.
          </p>
          <p>
            <Link className="button" href={bookAgain}>
              Book a new time
            </Link>
          </p>
        </div>
      );
    case "HELD":
      return (
        <p className="notice">
          This time is held for you while the payment completes. Once it has, a confirmation email is on its way to you.
        </p>
      );
    case "EXPIRED":
      return (
        <div className="notice stack">
          <p>
            This time was held for a while, but the payment didn&apos;t complete, so the time was released. You&apos;re welcome to{" "}
            <Link href={bookAgain}>book again</Link>.
          </p>
        </div>
      );
    default:
      return (
        <p>
          If you&apos;d like another session, you can <Link href={bookAgain}>book a new time</Link>.
        </p>
      );
  }
}
