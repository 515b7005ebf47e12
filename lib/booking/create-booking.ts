import { emailAddress } from "../auth/email-address";
import type { CurrentUser } from "../auth/current-user";
import type { Db } from "../db/client";
import { deliverSoon } from "../email/deliver-soon";
import { InvalidInputError, UnavailableError, type FieldErrors } from "../errors";
import { config } from "../config";
import { checkoutReturnUrls } from "../payments/checkout-return-urls";
import { getPaymentProvider } from "../payments/get-payment-provider";
import { openCheckout } from "../payments/open-checkout";
import { orderWaitingKey } from "../payments/order-waiting-key";
import type { PaymentProvider } from "../payments/provider";
import { releaseUnpaidOrder } from "../payments/release-unpaid-order";
import { isSlotAvailable } from "../scheduling/is-slot-available";
import { currentZoneName, isValidTimeZone } from "../time/zone";
import { bookingEmailFields, coachProfile } from "./booking-data";
import { bookingItemTitle } from "./booking-item-title";
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
  /** The payment provider for a paid type; by default the configured one (getPaymentProvider). */
  provider?: PaymentProvider;
  now?: Date;
};

export type CreatedBooking = {
  booking: { id: string; status: "CONFIRMED" | "HELD"; start: string; end: string; manageUrl: string };
  checkoutUrl?: string;
};

/**
 * Books a session type at `start` for the client. In one transaction: the coach's calendar date is
 * locked (bookings of one date queue up; the daily cap is counted on committed rows), stale holds
 * on that time move to EXPIRED, the slot engine checks the start against freshly read busy time,
 * the row is inserted (the exclusion constraint stays the final word), and both confirmation
 * emails and the audit row are written.
 *
 * A free type is CONFIRMED at once; reminders and delivery are queued after commit.
 *
 * A paid type is HELD for BOOKING_HOLD_MINUTES, with a PENDING order priced from the database and
 * its confirmation emails written WAITING for the order (so the emailed manage link is the one in
 * this response; payment releases them). After commit the provider's checkout is opened; if that
 * fails the hold is released at once and nothing was charged. Whether payments can be taken at all
 * is decided before anything is reserved (getPaymentProvider refuses in production without Stripe).
 */
export async function createBooking(options: CreateBookingOptions): Promise<CreatedBooking> {
  const { db, start } = options;
  const now = options.now ?? new Date();
  const sessionType = await findBookableSessionType({ db, slug: options.sessionTypeSlug });
  const coach = coachProfile(sessionType.coach);
  const paid = sessionType.priceCents > 0;
  const provider = paid ? (options.provider ?? getPaymentProvider()) : null;
  const details = checkClientDetails(options);
  const intake = checkIntakeAnswers({ questions: sessionType.intakeQuestions, answers: options.answers });
  const fields = { ...details.fields, ...intake.fields };
  if (Number.isNaN(start.getTime())) fields.start = "Please choose one of the times offered.";
  if (Object.keys(fields).length > 0) throw new InvalidInputError("Some details need another look.", fields);

  const end = new Date(start.getTime() + sessionType.durationMinutes * MINUTE_MS);
  const blockedFrom = new Date(start.getTime() - sessionType.bufferBeforeMinutes * MINUTE_MS);
  const blockedUntil = new Date(end.getTime() + sessionType.bufferAfterMinutes * MINUTE_MS);
  const token = createManageToken();
  const holdExpiresAt = paid ? new Date(now.getTime() + config().BOOKING_HOLD_MINUTES * MINUTE_MS) : null;
  const itemTitle = bookingItemTitle({ sessionTitle: sessionType.title, coachName: coach.name, start, timeZone: details.timeZone });

  let created: { id: string; messageIds: string[]; orderId: string | null };
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
          clientTimeZone: details.timeZone,
          status: provider ? "HELD" : "CONFIRMED",
          holdExpiresAt,
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
      const order = provider
        ? await tx.order.create({
            data: {
              email: details.email,
              userId: options.actor?.id ?? null,
              currency: sessionType.currency,
              subtotalCents: sessionType.priceCents,
              totalCents: sessionType.priceCents,
              provider: provider.name,
              createdAt: now,
              updatedAt: now,
              items: {
                create: { kind: "BOOKING", bookingId: booking.id, title: itemTitle, quantity: 1, unitPriceCents: sessionType.priceCents, totalCents: sessionType.priceCents },
              },
            },
            select: { id: true },
          })
        : null;
      // A paid booking's confirmations wait for the payment (released by applyPaidOrder, discarded if it never comes).
      const messageIds = await enqueueBookingEmails({
        tx,
        change: { kind: "confirmed", manageUrl: token.url },
        booking,
        sessionType,
        coach,
        now,
        waitingFor: order ? orderWaitingKey(order.id) : undefined,
      });
      await tx.auditLog.create({
        data: {
          actorId: options.actor?.id ?? null,
          action: "booking.created",
          entityType: "Booking",
          entityId: booking.id,
          data: { sessionType: sessionType.slug, start: start.toISOString(), status: booking.status, ...(order ? { orderId: order.id } : {}) },
        },
      });
      return { id: booking.id, messageIds, orderId: order?.id ?? null };
    });
  } catch (error) {
    if (error instanceof SlotRefused || isOverlapViolation(error)) {
      throw await slotUnavailableError({ db, sessionType, coach, requestedStart: start, now });
    }
    throw error;
  }

  const booked = { id: created.id, start: start.toISOString(), end: end.toISOString(), manageUrl: token.url };
  if (provider && created.orderId && holdExpiresAt) {
    const checkoutUrl = await openPaidCheckout({ db, provider, orderId: created.orderId, email: details.email, itemTitle, priceCents: sessionType.priceCents, holdExpiresAt, now });
    return { booking: { ...booked, status: "HELD" }, checkoutUrl };
  }
  await deliverSoon(created.messageIds);
  await scheduleReminders({ bookingId: created.id, startsAt: start, offsetsMinutes: coach.reminderOffsetsMinutes, now });
  return { booking: { ...booked, status: "CONFIRMED" } };
}

/** The provider's checkout can't be paid for less than 31 minutes (Stripe's minimum is 30). */
const MIN_CHECKOUT_MS = 31 * MINUTE_MS;

/**
 * Opens the provider's checkout for a just-committed held booking. If the provider fails, the hold
 * is released at once (order CANCELLED, booking EXPIRED, held-back emails discarded) and the client
 * is told that nothing was charged.
 */
async function openPaidCheckout(options: {
  db: Db;
  provider: PaymentProvider;
  orderId: string;
  email: string;
  itemTitle: string;
  priceCents: number;
  holdExpiresAt: Date;
  now: Date;
}): Promise<string> {
  const { db, provider, orderId, now } = options;
  try {
    const checkout = await openCheckout({
      db,
      provider,
      orderId,
      email: options.email,
      lineItems: [{ name: options.itemTitle, unitAmountCents: options.priceCents, quantity: 1 }],
      ...checkoutReturnUrls({ orderId }),
      expiresAt: new Date(Math.max(options.holdExpiresAt.getTime(), now.getTime() + MIN_CHECKOUT_MS)),
    });
    return checkout.checkoutUrl;
  } catch (error) {
    console.error(`[payments] could not open a checkout for order ${orderId}: ${error instanceof Error ? error.message : String(error)}`);
    await runBookingTransaction(db, (tx) => releaseUnpaidOrder({ tx, orderId, status: "CANCELLED", now }));
    throw new UnavailableError(
      "We couldn't reach the payment service just now, so nothing was charged and the time was released. Please try again in a few minutes.",
      "checkout_unavailable",
    );
  }
}

/** Name, address and zone (by its current name) as the booking keeps them, or the field errors to show. */
function checkClientDetails(options: Pick<CreateBookingOptions, "name" | "email" | "timeZone">): {
  name: string;
  email: string;
  timeZone: string;
  fields: FieldErrors;
} {
  const fields: FieldErrors = {};
  const name = options.name.trim().replace(/\s+/g, " ");
  if (!name) fields.name = "Please tell us your name, or what you'd like to be called.";
  else if (name.length > MAX_NAME_LENGTH) fields.name = `Please keep your name under ${MAX_NAME_LENGTH} characters.`;
  const email = emailAddress.safeParse(options.email);
  if (!email.success) fields.email = email.error.issues[0].message;
  if (!isValidTimeZone(options.timeZone)) fields.timeZone = "Please choose your time zone from the list.";
  return { name, email: email.success ? email.data : "", timeZone: currentZoneName(options.timeZone), fields };
}
