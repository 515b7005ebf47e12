"use client";

import type { Ref } from "react";
import type { CreatedBooking } from "./booking-api";
import { bothZonesLabel, sessionTimesLabel } from "./labels";
import styles from "./booking.module.css";

type Props = {
  headingRef: Ref<HTMLHeadingElement>;
  sessionTitle: string;
  booking: CreatedBooking;
  timeZone: string;
  email: string;
  /** Still before the cut-off for changing online. */
  changeable: boolean;
  coach: { name: string; timeZone: string; cancellationCutoffHours: number };
};

export function BookingConfirmation({ headingRef, sessionTitle, booking, timeZone, email, changeable, coach }: Props) {
  return (
    <div className="stack">
      <h2 ref={headingRef} tabIndex={-1}>
        Your session is confirmed
      </h2>
      <div className={styles.summary}>
        <p>
          Your session is confirmed for <strong>{bothZonesLabel(booking.start, timeZone, coach.timeZone, coach.name)}</strong>.
        </p>
        <p>
          {sessionTitle}: {sessionTimesLabel(booking, timeZone)}.
        </p>
      </div>

      <h3>What happens next</h3>
      <ul>
        <li>
          A confirmation email is on its way to <strong className={styles.wrapAnywhere}>{email}</strong>, with a calendar invite
          attached. Opening the invite adds the session to your calendar.
        </li>
        <li>A reminder email follows shortly before the session.</li>
        <li>There&apos;s nothing you need to prepare. If anything comes to mind before then, bring it along.</li>
      </ul>

      <h3>If you need to change it</h3>
      {changeable ? (
        <p>
          Plans change, and that&apos;s fine. You can reschedule or cancel online until {coach.cancellationCutoffHours} hours
          before the session, using the link below or the one in your email.
        </p>
      ) : (
        <p>
          The session is less than {coach.cancellationCutoffHours} hours away, so changes now go through {coach.name}: if
          something comes up, reply to your confirmation email. That&apos;s completely fine. The link below shows your booking.
        </p>
      )}
      <p>
        <a className="button button-secondary" href={booking.manageUrl}>
          {changeable ? "Reschedule or cancel this booking" : "See this booking"}
        </a>
      </p>
      <p className="muted">Keep this link to yourself: anyone who has it can change this booking.</p>
    </div>
  );
}
