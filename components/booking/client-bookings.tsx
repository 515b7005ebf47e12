import Link from "next/link";
import { formatMoney } from "@/lib/payments/format-money";
import { paymentSummary } from "@/lib/payments/payment-summary";
import { sessionTimesLabel, statusLabel } from "./labels";
import { refundLine } from "./payment-labels";
import { splitBookings, type ClientBooking } from "./split-bookings";
import styles from "./client-bookings.module.css";

function BookingItem({ booking }: { booking: ClientBooking }) {
  return (
    <li className={styles.item}>
      <h4 className={styles.title}>{booking.sessionTitle}</h4>
      <p className={styles.when}>{sessionTimesLabel(booking, booking.clientTimeZone)}</p>
      <p className={styles.status}>
        <span className="visually-hidden">Status: </span>
        {statusLabel(booking.status)}
      </p>
      {booking.payment ? <PaymentLine payment={booking.payment} /> : null}
    </li>
  );
}

function PaymentLine({ payment }: { payment: NonNullable<ClientBooking["payment"]> }) {
  const summary = paymentSummary(payment as Parameters<typeof paymentSummary>[0]);
  return (
    <p className={styles.status}>
      <span className="visually-hidden">Payment: </span>
      {summary.label}, {formatMoney(payment.totalCents, payment.currency)}
      {summary.testMode ? " (test payment: no money moved)" : ""}
      {payment.refunds.map((refund) => (
        <span key={refund.id}>
          <br />
          {refundLine(refund, payment.currency, "the coach")}
        </span>
      ))}
    </p>
  );
}

export function ClientBookings({ bookings, now }: { bookings: ClientBooking[]; now: number }) {
  if (!bookings.length) {
    return (
      <>
        <p>
          You have no sessions booked. When you book one with this email address, it appears here with its date and time.
        </p>
        <p>
          <Link href="/book">See available times</Link>
        </p>
      </>
    );
  }
  const { upcoming, earlier } = splitBookings(bookings, now);
  return (
    <div className="stack">
      <h3>Coming up</h3>
      {upcoming.length ? (
        <>
          <ul className={styles.list}>
            {upcoming.map((booking) => (
              <BookingItem key={booking.id} booking={booking} />
            ))}
          </ul>
          <p className="muted">
            To reschedule or cancel, use the link in the confirmation email for that session. It&apos;s free until shortly before
            the session.
          </p>
        </>
      ) : (
        <p>
          Nothing booked right now. <Link href="/book">See available times</Link>
        </p>
      )}
      {earlier.length ? (
        <>
          <h3>Earlier and cancelled</h3>
          <ul className={styles.list}>
            {earlier.map((booking) => (
              <BookingItem key={booking.id} booking={booking} />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
