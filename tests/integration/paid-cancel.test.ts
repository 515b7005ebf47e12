import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The job queue is replaced by a recorder: these tests check which refund jobs the cancel asks for.
vi.mock("@/lib/jobs/boss", async (importOriginal) => (await import("../helpers/recorded-jobs")).recordingBoss(importOriginal));

import type { CurrentUser } from "@/lib/auth/current-user";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { createBooking } from "@/lib/booking/create-booking";
import { bookingItemTitle } from "@/lib/booking/booking-item-title";
import { findBookingByManageToken } from "@/lib/booking/find-booking-by-token";
import { createManageToken } from "@/lib/booking/manage-token";
import { rescheduleBooking } from "@/lib/booking/reschedule-booking";
import type { OrderStatus } from "@/lib/db/generated/client";
import { MONDAY_9AM, seedPractice, tokenOf } from "../helpers/booking";
import { failure } from "../helpers/errors";
import { sentJobs } from "../helpers/recorded-jobs";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// Client cancellations of paid sessions: a full refund within the window; after the cutoff the
// coach's late-cancellation percentage (0: cancelled, no refund row); free bookings keep today's rules.
// Paid bookings are written straight into the database (a CONFIRMED booking with its PAID test-mode
// order), so these tests depend only on cancelBooking and requestRefund.

let database: TestDatabase;
let coach: CurrentUser;
let strategyId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ coach } = await seedPractice(database.db));
  strategyId = (await database.db.sessionType.findUniqueOrThrow({ where: { slug: "strategy-session" }, select: { id: true } })).id;
});

afterAll(async () => {
  await database?.drop();
});

beforeEach(() => {
  sentJobs.length = 0;
});

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

async function setLatePercent(percent: number) {
  await database.db.coachSettings.update({ where: { coachId: coach.id }, data: { lateCancellationRefundPercent: percent } });
}

let slot = 0;
/** A CONFIRMED strategy session (£95.00) with its paid test-mode order; each one on its own day. */
async function paidBooking(options: { startsAt?: Date; orderStatus?: OrderStatus; refundedCents?: number; email?: string } = {}) {
  const { db } = database;
  slot += 1;
  const startsAt = options.startsAt ?? new Date(Date.parse("2026-03-10T10:00:00Z") + slot * 24 * HOUR);
  const endsAt = new Date(startsAt.getTime() + HOUR);
  const { token, hash } = createManageToken();
  const booking = await db.booking.create({
    data: {
      coachId: coach.id,
      sessionTypeId: strategyId,
      clientName: "Robin Park",
      clientEmail: options.email ?? "robin@example.com",
      clientTimeZone: "Europe/Berlin",
      status: "CONFIRMED",
      startsAt,
      endsAt,
      blockedFrom: new Date(startsAt.getTime() - 10 * 60_000),
      blockedUntil: new Date(endsAt.getTime() + 15 * 60_000),
      manageTokenHash: hash,
      priceCents: 9500,
      currency: "GBP",
      answers: { focus: "Planning" },
    },
    select: { id: true },
  });
  const status = options.orderStatus ?? "PAID";
  const order = await db.order.create({
    data: {
      email: options.email ?? "robin@example.com",
      status,
      currency: "GBP",
      subtotalCents: 9500,
      totalCents: 9500,
      refundedCents: options.refundedCents ?? 0,
      provider: "TEST",
      checkoutId: `test_cs_${booking.id}`,
      paymentIntentId: status === "PENDING" ? null : `test_pi_${booking.id}`,
      paidAt: status === "PENDING" ? null : MONDAY_9AM,
      items: { create: { kind: "BOOKING", bookingId: booking.id, title: "One-on-one strategy session", unitPriceCents: 9500, totalCents: 9500 } },
    },
    select: { id: true },
  });
  return { bookingId: booking.id, orderId: order.id, token, startsAt };
}

const orderOf = (orderId: string) =>
  database.db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, refundedCents: true, refunds: true } });
const refundJobs = () => sentJobs.filter((job) => job.name === "payments.refund").map((job) => job.data.refundId);

describe("a client cancelling a paid session", () => {
  it("within the window: a full refund is recorded with the cancellation, its job queued, its email written; a second submit changes nothing", async () => {
    await setLatePercent(50);
    const { bookingId, orderId, token } = await paidBooking();

    const shown = await findBookingByManageToken({ db: database.db, token, now: MONDAY_9AM });
    expect(shown).toMatchObject({ canChange: true, canCancel: true, payment: { status: "PAID", totalCents: 9500, refundedCents: 0, provider: "TEST" } });
    expect(shown.cancellationRefund).toEqual({ amountCents: 9500, rule: "full", percent: null, currency: "GBP" });

    await expect(cancelBooking({ db: database.db, token, expectedRefundCents: 9500, now: MONDAY_9AM })).resolves.toEqual({
      id: bookingId,
      status: "CANCELLED",
      refund: { amountCents: 9500, currency: "GBP" },
    });
    const order = await orderOf(orderId);
    expect(order).toMatchObject({ status: "REFUNDED", refundedCents: 9500 });
    expect(order.refunds).toHaveLength(1);
    expect(order.refunds[0]).toMatchObject({ amountCents: 9500, status: "PENDING", origin: "CLIENT_CANCELLATION" });
    expect(refundJobs()).toEqual([order.refunds[0].id]);
    expect(await database.db.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { status: true, cancelledBy: true } })).toEqual({
      status: "CANCELLED",
      cancelledBy: "CLIENT",
    });
    expect(await database.db.emailMessage.count({ where: { toAddress: "robin@example.com", template: "refund-issued" } })).toBe(1);

    await cancelBooking({ db: database.db, token, now: MONDAY_9AM });
    expect((await orderOf(orderId)).refunds).toHaveLength(1);
    expect(await database.db.emailMessage.count({ where: { toAddress: "robin@example.com", template: "refund-issued" } })).toBe(1);

    const after = await findBookingByManageToken({ db: database.db, token, now: MONDAY_9AM });
    expect(after).toMatchObject({ status: "CANCELLED", canCancel: false, cancellationRefund: { amountCents: 0 } });
    expect(after.payment?.refunds).toEqual([expect.objectContaining({ amountCents: 9500, status: "PENDING" })]);
  });

  it("after the cutoff: still possible until the start, with the policy's percentage, and said before confirming", async () => {
    await setLatePercent(50);
    const { bookingId, orderId, token, startsAt } = await paidBooking();
    const late = new Date(startsAt.getTime() - 3 * HOUR);

    const shown = await findBookingByManageToken({ db: database.db, token, now: late });
    expect(shown).toMatchObject({ canChange: false, canCancel: true, lateCancellationRefundPercent: 50 });
    expect(shown.cancellationRefund).toEqual({ amountCents: 4750, rule: "late", percent: 50, currency: "GBP" });

    await expect(cancelBooking({ db: database.db, token, expectedRefundCents: 4750, now: late })).resolves.toMatchObject({
      status: "CANCELLED",
      refund: { amountCents: 4750 },
    });
    const order = await orderOf(orderId);
    expect(order).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 4750 });
    expect(order.refunds).toEqual([expect.objectContaining({ amountCents: 4750, origin: "CLIENT_CANCELLATION", status: "PENDING" })]);
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("CANCELLED");
  });

  it("after the cutoff with a 0 % policy: cancelled, no refund row, the order stays paid", async () => {
    await setLatePercent(0);
    const { bookingId, orderId, token, startsAt } = await paidBooking();
    const late = new Date(startsAt.getTime() - HOUR);
    expect((await findBookingByManageToken({ db: database.db, token, now: late })).cancellationRefund).toEqual({
      amountCents: 0,
      rule: "late",
      percent: 0,
      currency: "GBP",
    });

    await expect(cancelBooking({ db: database.db, token, expectedRefundCents: 0, now: late })).resolves.toEqual({ id: bookingId, status: "CANCELLED" });
    const order = await orderOf(orderId);
    expect(order).toMatchObject({ status: "PAID", refundedCents: 0 });
    expect(order.refunds).toEqual([]);
    expect(refundJobs()).toEqual([]);
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("CANCELLED");
  });

  it("refuses, changing nothing, when the refund shown is no longer the refund (the cutoff passed while the page was open)", async () => {
    await setLatePercent(25);
    const { bookingId, orderId, token, startsAt } = await paidBooking();
    const late = new Date(startsAt.getTime() - 2 * HOUR);
    const error = await failure(cancelBooking({ db: database.db, token, expectedRefundCents: 9500, now: late }));
    expect(error).toMatchObject({ code: "refund_changed", status: 409 });
    expect(error.message).toContain("£23.75");
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("CONFIRMED");
    expect(await orderOf(orderId)).toMatchObject({ status: "PAID", refundedCents: 0, refunds: [] });
  });

  it("refunds only what is left after an earlier partial refund", async () => {
    const { orderId, token } = await paidBooking({ orderStatus: "PARTIALLY_REFUNDED", refundedCents: 2000 });
    await cancelBooking({ db: database.db, token, now: MONDAY_9AM });
    const order = await orderOf(orderId);
    expect(order).toMatchObject({ status: "REFUNDED", refundedCents: 9500 });
    expect(order.refunds.map((refund) => refund.amountCents)).toEqual([7500]);
  });

  it("does not cancel online once the session has started, and leaves a booking still waiting for payment alone", async () => {
    const { bookingId, token, startsAt } = await paidBooking();
    const started = await failure(cancelBooking({ db: database.db, token, now: new Date(startsAt.getTime() + 60_000) }));
    expect(started.code).toBe("change_window_closed");
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("CONFIRMED");

    const pending = await paidBooking({ orderStatus: "PENDING" });
    await database.db.booking.update({ where: { id: pending.bookingId }, data: { status: "HELD", holdExpiresAt: new Date(MONDAY_9AM.getTime() + 30 * 60_000) } });
    expect((await findBookingByManageToken({ db: database.db, token: pending.token, now: MONDAY_9AM })).canCancel).toBe(false);
    const waiting = await failure(cancelBooking({ db: database.db, token: pending.token, now: MONDAY_9AM }));
    expect(waiting.code).toBe("payment_in_progress");
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: pending.bookingId } })).status).toBe("HELD");
  });
});

describe("the coach cancelling a paid session", () => {
  it("refunds in full, even inside the client's cutoff, with origin COACH and her message as the reason", async () => {
    await setLatePercent(0);
    const { bookingId, orderId, startsAt } = await paidBooking();
    const late = new Date(startsAt.getTime() - HOUR);
    await expect(cancelBooking({ db: database.db, bookingId, actor: coach, reason: "I'm unwell, sorry.", now: late })).resolves.toMatchObject({
      status: "CANCELLED",
      refund: { amountCents: 9500, currency: "GBP" },
    });
    const order = await orderOf(orderId);
    expect(order).toMatchObject({ status: "REFUNDED", refundedCents: 9500 });
    expect(order.refunds).toEqual([expect.objectContaining({ amountCents: 9500, origin: "COACH", reason: "I'm unwell, sorry." })]);
  });
});

describe("a client moving a paid session", () => {
  it("keeps the order line's date true: receipts, refund emails and the coach's orders name the new time", async () => {
    const { bookingId, orderId, token, startsAt } = await paidBooking();
    const newStart = new Date(startsAt.getTime() + 2 * HOUR);
    await rescheduleBooking({ db: database.db, token, newStart, now: MONDAY_9AM });
    const items = await database.db.orderItem.findMany({ where: { orderId }, select: { bookingId: true, title: true } });
    const title = bookingItemTitle({ sessionTitle: "One-on-one strategy session", coachName: coach.name!, start: newStart, timeZone: "Europe/Berlin" });
    expect(items).toEqual([{ bookingId, title }]);
    expect(title).not.toBe(bookingItemTitle({ sessionTitle: "One-on-one strategy session", coachName: coach.name!, start: startsAt, timeZone: "Europe/Berlin" }));
  });
});

describe("free bookings keep today's rules", () => {
  it("cancels within the window without any order or refund, and refuses after the cutoff", async () => {
    const { booking } = await createBooking({
      db: database.db,
      sessionTypeSlug: "intro-call",
      start: at("2026-03-04T10:00:00Z"),
      name: "Lee",
      email: "lee@example.com",
      timeZone: "Europe/London",
      now: MONDAY_9AM,
    });
    const token = tokenOf(booking.manageUrl);
    const shown = await findBookingByManageToken({ db: database.db, token, now: MONDAY_9AM });
    expect(shown).toMatchObject({ payment: null, cancellationRefund: null, canCancel: true });
    const refundsBefore = await database.db.refund.count();

    const closed = await failure(cancelBooking({ db: database.db, token, now: at("2026-03-03T20:00:00Z") }));
    expect(closed.code).toBe("change_window_closed");
    expect((await findBookingByManageToken({ db: database.db, token, now: at("2026-03-03T20:00:00Z") })).canCancel).toBe(false);

    await expect(cancelBooking({ db: database.db, token, now: MONDAY_9AM })).resolves.toEqual({ id: booking.id, status: "CANCELLED" });
    expect(await database.db.refund.count()).toBe(refundsBefore);
    expect(await database.db.orderItem.count({ where: { bookingId: booking.id } })).toBe(0);
  });
});
