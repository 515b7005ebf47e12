import { createBooking } from "@/lib/booking/create-booking";
import type { Db } from "@/lib/db/client";
import type { PaymentProvider } from "@/lib/payments/provider";
import { addDays, calendarDateInZone, wallClockToInstant } from "@/lib/time/zone";

// Paid bookings for the payments tests: the seeded strategy session (£95.00, 60 minutes, intake
// questions focus and format) on a calendar open every day 08:00-20:00 in London, bookable without
// notice and a year ahead, so tests can use the real clock (the webhook route has no `now`).

export const ZONE = "Europe/London";
export const PAID_SLUG = "strategy-session";
export const PRICE_CENTS = 9500;

export async function openEveryDay(db: Db, coachId: string): Promise<void> {
  await db.availabilityRule.deleteMany({});
  await db.availabilityRule.createMany({
    data: Array.from({ length: 7 }, (_, i) => ({ coachId, weekday: i + 1, startMinute: 8 * 60, endMinute: 20 * 60, timeZone: ZONE })),
  });
  await db.sessionType.update({ where: { slug: PAID_SLUG }, data: { minimumNoticeMinutes: 0, horizonDays: 365, maxPerDay: null, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 } });
}

/** `hour`:00 in London, `days` after the date of `from` there. */
export function londonAt(days: number, hour: number, from = new Date()): Date {
  return new Date(wallClockToInstant(addDays(calendarDateInZone(from, ZONE), days), hour * 60, ZONE));
}

export function bookPaid(options: { db: Db; provider: PaymentProvider; start: Date; email: string; now?: Date }) {
  return createBooking({
    db: options.db,
    provider: options.provider,
    sessionTypeSlug: PAID_SLUG,
    start: options.start,
    name: options.email.split("@")[0],
    email: options.email,
    timeZone: "America/New_York",
    answers: { focus: "A stalled project", format: "Video call" },
    now: options.now,
  });
}

/** The order of a booking and its checkout id. */
export async function orderOfBooking(db: Db, bookingId: string) {
  const item = await db.orderItem.findUniqueOrThrow({ where: { bookingId }, select: { order: { select: { id: true, checkoutId: true, paymentIntentId: true } } } });
  return { orderId: item.order.id, checkoutId: item.order.checkoutId!, paymentIntentId: item.order.paymentIntentId };
}

/** Everything a payment can change, for "nothing changed" and "changed once" checks. */
export async function paymentState(db: Db, bookingId: string) {
  const { orderId } = await orderOfBooking(db, bookingId);
  const [booking, order, refunds, emails, events] = await Promise.all([
    db.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { status: true, sequence: true, cancelledBy: true, cancelReason: true } }),
    db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, refundedCents: true, paidAt: true, paymentIntentId: true } }),
    db.refund.findMany({ where: { orderId }, orderBy: { createdAt: "asc" }, select: { amountCents: true, status: true, origin: true } }),
    db.emailMessage.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { template: true, status: true, toAddress: true } }),
    db.paymentEvent.count(),
  ]);
  return { booking, order, refunds, emails, events };
}

/**
 * A one-hour booking of the paid session written straight into the database (no provider, no
 * emails), for the coach's admin views. `tag` and `serial` keep its token hash unique.
 */
export async function insertBooking(
  db: Db,
  options: {
    coachId: string;
    sessionTypeId: string;
    startsAt: Date;
    clientName: string;
    clientEmail: string;
    clientTimeZone: string;
    tag: string;
    serial: number;
    status?: "CONFIRMED" | "EXPIRED";
    createdAt?: Date;
  },
): Promise<string> {
  const endsAt = new Date(options.startsAt.getTime() + 3_600_000);
  const booking = await db.booking.create({
    data: {
      coachId: options.coachId,
      sessionTypeId: options.sessionTypeId,
      clientName: options.clientName,
      clientEmail: options.clientEmail,
      clientTimeZone: options.clientTimeZone,
      status: options.status ?? "CONFIRMED",
      startsAt: options.startsAt,
      endsAt,
      blockedFrom: options.startsAt,
      blockedUntil: endsAt,
      manageTokenHash: `hash-${options.tag}-${options.serial}`,
      priceCents: PRICE_CENTS,
      currency: "GBP",
      createdAt: options.createdAt,
    },
    select: { id: true },
  });
  return booking.id;
}

/** A PAID test-mode order for a booking from insertBooking; `tag` and `serial` keep its ids unique. */
export async function insertBookingOrder(
  db: Db,
  options: { bookingId: string; email: string; title: string; tag: string; serial: number; paidAt: Date; createdAt?: Date },
): Promise<string> {
  const order = await db.order.create({
    data: {
      email: options.email,
      status: "PAID",
      currency: "GBP",
      subtotalCents: PRICE_CENTS,
      totalCents: PRICE_CENTS,
      provider: "TEST",
      checkoutId: `test_cs_${options.tag}_${options.serial}`,
      paymentIntentId: `test_pi_${options.tag}_${options.serial}`,
      paidAt: options.paidAt,
      createdAt: options.createdAt,
      items: { create: { kind: "BOOKING", bookingId: options.bookingId, title: options.title, unitPriceCents: PRICE_CENTS, totalCents: PRICE_CENTS } },
    },
    select: { id: true },
  });
  return order.id;
}
