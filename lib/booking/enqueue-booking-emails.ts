import { config } from "../config";
import type { Tx } from "../db/client";
import type { BookingStatus } from "../db/generated/client";
import { enqueueEmail } from "../email/enqueue-email";
import { renderIcs, type IcsEvent } from "../email/ics";
import type { RenderedEmail } from "../email/layout";
import type { BookingEmailFacts } from "../email/templates/booking-common";
import { bookingCancelledClientEmail, bookingCancelledCoachEmail } from "../email/templates/booking-cancelled";
import { bookingConfirmedClientEmail, bookingConfirmedCoachEmail } from "../email/templates/booking-confirmed";
import { bookingRescheduledClientEmail, bookingRescheduledCoachEmail } from "../email/templates/booking-rescheduled";
import type { CoachProfile, SessionTypeRow } from "./booking-data";
import { changeWindow } from "./change-window";
import { intakeQuestionsSchema } from "./check-intake-answers";

export type BookingChange =
  | { kind: "confirmed"; manageUrl: string }
  | { kind: "rescheduled"; manageUrl: string; previousStart: Date }
  | { kind: "cancelled"; cancelledBy: "CLIENT" | "COACH"; message?: string };

type EmailedBooking = {
  id: string;
  status: BookingStatus;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  holdExpiresAt: Date | null;
  clientName: string;
  clientEmail: string;
  clientTimeZone: string;
  answers: unknown;
};

/**
 * The two emails a booking change sends, one to the client (in their zone) and one to the coach
 * (in hers), each with the calendar file for this version of the booking: same UID for the
 * booking's whole life, SEQUENCE from the row. Written to the outbox with the caller's transaction.
 */
export async function enqueueBookingEmails(options: {
  tx: Tx;
  change: BookingChange;
  booking: EmailedBooking;
  sessionType: SessionTypeRow;
  coach: CoachProfile;
  now: Date;
  /** Hold the emails back (WAITING) until this releases them, e.g. "order:<id>" for a booking awaiting payment. */
  waitingFor?: string;
}): Promise<string[]> {
  const { tx, change, booking, sessionType, coach, now, waitingFor } = options;
  const base = config().APP_URL.replace(/\/$/, "");
  const bookingsUrl = `${base}/admin/bookings`;
  const facts: BookingEmailFacts = {
    sessionTitle: sessionType.title,
    start: booking.startsAt,
    client: { name: booking.clientName, email: booking.clientEmail, timeZone: booking.clientTimeZone },
    coach: { name: coach.name, email: coach.email, timeZone: coach.timeZone },
  };
  const window = changeWindow({ booking, cancellationCutoffHours: coach.cancellationCutoffHours, now });
  const policy = { deadline: window.deadline, canChange: window.open, cancellationCutoffHours: coach.cancellationCutoffHours };
  const answers = answerLines(sessionType.intakeQuestions, booking.answers);

  let client: RenderedEmail;
  let toCoach: RenderedEmail;
  if (change.kind === "confirmed") {
    client = bookingConfirmedClientEmail({ ...facts, ...policy, manageUrl: change.manageUrl, reminderOffsetsMinutes: coach.reminderOffsetsMinutes });
    toCoach = bookingConfirmedCoachEmail({ ...facts, answers, deadline: window.deadline, bookingsUrl });
  } else if (change.kind === "rescheduled") {
    client = bookingRescheduledClientEmail({ ...facts, ...policy, manageUrl: change.manageUrl, previousStart: change.previousStart });
    toCoach = bookingRescheduledCoachEmail({ ...facts, previousStart: change.previousStart, bookingsUrl });
  } else {
    const cancellation = { ...facts, cancelledBy: change.cancelledBy, message: change.message };
    client = bookingCancelledClientEmail({ ...cancellation, bookAgainUrl: `${base}/book/${sessionType.slug}` });
    toCoach = bookingCancelledCoachEmail({ ...cancellation, bookingsUrl });
  }

  const event: Omit<IcsEvent, "summary" | "description" | "url"> = {
    method: change.kind === "cancelled" ? "CANCEL" : "REQUEST",
    uid: `booking-${booking.id}@${new URL(base).host}`,
    sequence: booking.sequence,
    start: booking.startsAt,
    end: booking.endsAt,
    stamp: now,
    organizer: { name: coach.name, email: coach.email },
    attendee: { name: booking.clientName, email: booking.clientEmail },
  };
  const manageUrl = change.kind === "cancelled" ? undefined : change.manageUrl;
  const clientIcs = renderIcs({
    ...event,
    summary: `${sessionType.title} with ${coach.name}`,
    description: [`${sessionType.title} with ${coach.name}.`, ...(manageUrl ? [`To reschedule or cancel: ${manageUrl}`] : [])].join("\n\n"),
    url: manageUrl,
  });
  const coachIcs = renderIcs({
    ...event,
    summary: `${sessionType.title} with ${booking.clientName}`,
    description: [
      `${sessionType.title} with ${booking.clientName} (${booking.clientEmail}).`,
      ...answers.map((answer) => `${answer.label} — ${answer.value}`),
      `Your bookings: ${bookingsUrl}`,
    ].join("\n\n"),
    url: bookingsUrl,
  });

  const template = `booking-${change.kind}`;
  const attachment = (ics: string) => [
    { filename: "session.ics", contentType: `text/calendar; charset=utf-8; method=${event.method}`, content: Buffer.from(ics).toString("base64") },
  ];
  const ids = [
    await enqueueEmail(tx, { ...client, to: booking.clientEmail, template: `${template}-client`, attachments: attachment(clientIcs), waitingFor }),
    await enqueueEmail(tx, { ...toCoach, to: coach.email, template: `${template}-coach`, attachments: attachment(coachIcs), waitingFor }),
  ];
  return ids.map(({ id }) => id);
}

/** The client's answers with the questions' labels, in the order the questions are asked. */
function answerLines(questions: unknown, answers: unknown): Array<{ label: string; value: string }> {
  const given = (answers ?? {}) as Record<string, unknown>;
  return intakeQuestionsSchema
    .parse(questions)
    .filter((question) => typeof given[question.id] === "string" && given[question.id] !== "")
    .map((question) => ({ label: question.label, value: String(given[question.id]) }));
}
