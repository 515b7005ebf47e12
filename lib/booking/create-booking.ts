import { emailAddress } from "../auth/email-address";
import type { CurrentUser } from "../auth/current-user";
import type { Db } from "../db/client";
import { deliverSoon } from "../email/deliver-soon";
import { InvalidInputError, NotAvailableYetError, type FieldErrors } from "../errors";
import { isSlotAvailable } from "../scheduling/is-slot-available";
import { isValidTimeZone } from "../time/zone";
import { bookingEmailFields, coachProfile } from "./booking-data";
import { checkIntakeAnswers } from "./check-intake-answers";
import { enqueueBookingEmails } from "./enqueue-booking-emails";
import { expireStaleHolds } from "./expire-stale-holds";
import { findBookableSessionType } from "./find-bookable-session-type";
import { isOverlapViolation } from "./is-overlap-violation";
import { loadSlotEngineInput } from "./load-slot-engine-input";
import { lockCoachDate } from "./lock-coach-date";
import { createManageToken } from "./manage-token";
import { runBookingTransaction } from "./run-booking-transaction";
import { scheduleReminders } from "./schedule-reminders";
import { SlotRefused, slotUnavailableError } from "./slot-unavailable-error";

export const MAX_NAME_LENGTH = 120;
const MINUTE_MS = 60_000;

export type CreateBookingOptions = {
  db: Db;
  sessionTypeSlug: string;
  start: Date;
  name: string;
  email: string;
  /** The client's IANA zone: every time they are shown or emailed is in it. */
  timeZone: string;
  answers?: Record<string, string>;
  actor?: CurrentUser | null;
  now?: Date;
};

export type CreatedBooking = {
  booking: { id: string; status: "CONFIRMED" | "HELD"; start: string; end: string; manageUrl: string };
  checkoutUrl?: string;
};

/**
 * Books a free session type at `start` for the client, CONFIRMED at once. In one transaction: the
 * coach's calendar date is locked (bookings of one date queue up; the daily cap is counted on
 * committed rows), stale holds on that time move to EXPIRED, the slot engine checks the start
 * against freshly read busy time, the row is inserted (the exclusion constraint stays the final
 * word), and both confirmation emails and the audit row are written. Reminders and delivery are
 * queued after commit. Paid types answer 501 until payments exist.
 */
export async function createBooking(options: CreateBookingOptions): Promise<CreatedBooking> {
  const { db, start } = options;
  const now = options.now ?? new Date();
  const sessionType = await findBookableSessionType({ db, slug: options.sessionTypeSlug });
  const coach = coachProfile(sessionType.coach);
  if (sessionType.priceCents > 0) {
    throw new NotAvailableYetError(
      "payments_not_available",
      `Paid sessions can't be booked online just yet, so nothing has been reserved or charged. If you'd like this session, email ${coach.name} at ${coach.email} and you'll find a time together.`,
    );
  }
  const details = checkClientDetails(options);
  const intake = checkIntakeAnswers({ questions: sessionType.intakeQuestions, answers: options.answers });
  const fields = { ...details.fields, ...intake.fields };
  if (Number.isNaN(start.getTime())) fields.start = "Please choose one of the times offered.";
  if (Object.keys(fields).length > 0) throw new InvalidInputError("Some details need another look.", fields);

  const end = new Date(start.getTime() + sessionType.durationMinutes * MINUTE_MS);
  const blockedFrom = new Date(start.getTime() - sessionType.bufferBeforeMinutes * MINUTE_MS);
  const blockedUntil = new Date(end.getTime() + sessionType.bufferAfterMinutes * MINUTE_MS);
  const token = createManageToken();

  let created: { id: string; messageIds: string[] };
  try {
    created = await runBookingTransaction(db, async (tx) => {
      await lockCoachDate({ tx, coachId: coach.id, coachTimeZone: coach.timeZone, start });
      await expireStaleHolds({ tx, coachId: coach.id, from: blockedFrom, until: blockedUntil, now });
      const input = await loadSlotEngineInput({ db: tx, sessionType, coach, from: start, to: end, now });
      if (!isSlotAvailable(input, start)) throw new SlotRefused();

      const booking = await tx.booking.create({
        data: {
          coachId: coach.id,
          sessionTypeId: sessionType.id,
          clientName: details.name,
          clientEmail: details.email,
          clientTimeZone: options.timeZone,
          status: "CONFIRMED",
          startsAt: start,
          endsAt: end,
          blockedFrom,
          blockedUntil,
          manageTokenHash: token.hash,
          answers: intake.answers,
          priceCents: sessionType.priceCents,
          currency: sessionType.currency,
          // The booking's own clock, so "made before this reminder fell due" compares like with like.
          createdAt: now,
          updatedAt: now,
        },
        select: bookingEmailFields,
      });
      const messageIds = await enqueueBookingEmails({ tx, change: { kind: "confirmed", manageUrl: token.url }, booking, sessionType, coach, now });
      await tx.auditLog.create({
        data: {
          actorId: options.actor?.id ?? null,
          action: "booking.created",
          entityType: "Booking",
          entityId: booking.id,
          data: { sessionType: sessionType.slug, start: start.toISOString(), status: booking.status },
        },
      });
      return { id: booking.id, messageIds };
    });
  } catch (error) {
    if (error instanceof SlotRefused || isOverlapViolation(error)) {
      throw await slotUnavailableError({ db, sessionType, coach, requestedStart: start, now });
    }
    throw error;
  }

  await deliverSoon(created.messageIds);
  await scheduleReminders({ bookingId: created.id, startsAt: start, offsetsMinutes: coach.reminderOffsetsMinutes, now });
  return {
    booking: { id: created.id, status: "CONFIRMED", start: start.toISOString(), end: end.toISOString(), manageUrl: token.url },
  };
}

/** Name, address and zone as the booking keeps them, or the field errors to show. */
function checkClientDetails(options: Pick<CreateBookingOptions, "name" | "email" | "timeZone">): {
  name: string;
  email: string;
  fields: FieldErrors;
} {
  const fields: FieldErrors = {};
  const name = options.name.trim().replace(/\s+/g, " ");
  if (!name) fields.name = "Please tell us your name, or what you'd like to be called.";
  else if (name.length > MAX_NAME_LENGTH) fields.name = `Please keep your name under ${MAX_NAME_LENGTH} characters.`;
  const email = emailAddress.safeParse(options.email);
  if (!email.success) fields.email = email.error.issues[0].message;
  if (!isValidTimeZone(options.timeZone)) fields.timeZone = "Please choose your time zone from the list.";
  return { name, email: email.success ? email.data : "", fields };
}
