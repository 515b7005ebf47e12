import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The job queue is replaced by a recorder: the refund must be queued for the provider after commit.
vi.mock("@/lib/jobs/boss", async (importOriginal) => (await import("../helpers/recorded-jobs")).recordingBoss(importOriginal));

import { getBookingPolicy } from "@/lib/admin/booking-policy";
import { getBookingForCoach } from "@/lib/admin/get-booking-for-coach";
import { listBookingsForCoach } from "@/lib/admin/list-bookings-for-coach";
import { parseMoneyAmount } from "@/lib/admin/parse-money-amount";
import { updateBookingPolicy } from "@/lib/admin/update-booking-policy";
import type { CurrentUser } from "@/lib/auth/current-user";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { executeRefund } from "@/lib/payments/execute-refund";
import { refundBookingByCoach } from "@/lib/payments/refund-booking-by-coach";
import { createTestProvider } from "@/lib/payments/test-provider";
import { createUser, MONDAY_9AM, seedPractice } from "../helpers/booking";
import { failure } from "../helpers/errors";
import { insertBooking, insertBookingOrder } from "../helpers/paid-booking";
import { sentJobs } from "../helpers/recorded-jobs";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The coach's refunds from /admin/bookings (full, partial, too large, not hers) and her
// late-cancellation policy. Paid bookings are written straight into the database with a PAID
// test-mode order; the test provider then carries the refund out.

let database: TestDatabase;
let coach: CurrentUser;
let otherCoach: CurrentUser;
let client: CurrentUser;
let strategyId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ coach } = await seedPractice(database.db));
  otherCoach = await createUser(database.db, { email: "other.coach@example.com", role: "COACH", name: "Other" });
  client = await createUser(database.db, { email: "client@example.com", role: "CLIENT" });
  strategyId = (await database.db.sessionType.findUniqueOrThrow({ where: { slug: "strategy-session" }, select: { id: true } })).id;
});

afterAll(async () => {
  await database?.drop();
});

beforeEach(() => {
  sentJobs.length = 0;
});

const HOUR = 3_600_000;

let slot = 0;
async function paidBooking() {
  const { db } = database;
  slot += 1;
  const startsAt = new Date(Date.parse("2026-03-10T10:00:00Z") + slot * 24 * HOUR);
  const bookingId = await insertBooking(db, { coachId: coach.id, sessionTypeId: strategyId, startsAt, clientName: "Dana Flores", clientEmail: "dana@example.com", clientTimeZone: "America/Chicago", tag: "refund", serial: slot });
  const orderId = await insertBookingOrder(db, { bookingId, email: "dana@example.com", title: "One-on-one strategy session", tag: "refund", serial: slot, paidAt: MONDAY_9AM });
  return { bookingId, orderId };
}

const orderOf = (orderId: string) =>
  database.db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, refundedCents: true, refunds: { orderBy: { createdAt: "asc" } } } });

describe("refundBookingByCoach", () => {
  it("refunds in full: one PENDING refund (origin COACH) committed and queued, then carried out by the provider", async () => {
    const { bookingId, orderId } = await paidBooking();
    const result = await refundBookingByCoach({ db: database.db, actor: coach, bookingId, reason: "Sorry for the mix-up." });
    expect(result).toMatchObject({ amountCents: 9500, currency: "GBP" });

    const order = await orderOf(orderId);
    expect(order).toMatchObject({ status: "REFUNDED", refundedCents: 9500 });
    expect(order.refunds).toEqual([expect.objectContaining({ id: result.refundId, amountCents: 9500, status: "PENDING", origin: "COACH", reason: "Sorry for the mix-up." })]);
    expect(sentJobs.filter((job) => job.name === "payments.refund").map((job) => job.data.refundId)).toEqual([result.refundId]);
    const email = await database.db.emailMessage.findFirstOrThrow({ where: { toAddress: "dana@example.com", template: "refund-issued" } });
    expect(email.text).toContain("£95.00");

    // The booking itself is untouched: refunding and cancelling are separate decisions.
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("CONFIRMED");

    await expect(executeRefund({ db: database.db, provider: createTestProvider({ db: database.db }), refundId: result.refundId })).resolves.toBe("succeeded");
    expect((await orderOf(orderId)).refunds[0]).toMatchObject({ status: "SUCCEEDED", providerRefundId: expect.stringMatching(/^test_re_/) });

    // Nothing is left to refund, and the detail page says what happened.
    expect((await failure(refundBookingByCoach({ db: database.db, actor: coach, bookingId }))).code).toBe("refund_too_large");
    const { order: shown } = await getBookingForCoach({ db: database.db, actor: coach, id: bookingId });
    expect(shown).toMatchObject({ status: "REFUNDED", totalCents: 9500, refundedCents: 9500, provider: "TEST" });
    expect(shown?.refunds.map((refund) => [refund.amountCents, refund.status, refund.origin])).toEqual([[9500, "SUCCEEDED", "COACH"]]);
  });

  it("refunds part, then the rest; the list shows the payment with its refunds", async () => {
    const { bookingId, orderId } = await paidBooking();
    await refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 2000 });
    expect(await orderOf(orderId)).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 2000 });

    const listed = (await listBookingsForCoach({ db: database.db, actor: coach, now: MONDAY_9AM })).bookings.find((booking) => booking.id === bookingId);
    expect(listed?.orderItem?.order).toMatchObject({ status: "PARTIALLY_REFUNDED", totalCents: 9500, refundedCents: 2000, currency: "GBP" });

    // "Full" now means everything still paid.
    await expect(refundBookingByCoach({ db: database.db, actor: coach, bookingId })).resolves.toMatchObject({ amountCents: 7500 });
    const order = await orderOf(orderId);
    expect(order).toMatchObject({ status: "REFUNDED", refundedCents: 9500 });
    expect(order.refunds.map((refund) => refund.amountCents)).toEqual([2000, 7500]);
  });

  it("refuses more than is left, a zero or fractional amount, and a free booking, changing nothing", async () => {
    const { bookingId, orderId } = await paidBooking();
    await refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 5000 });
    const tooLarge = await failure(refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 4501 }));
    expect(tooLarge).toMatchObject({ code: "refund_too_large", status: 422 });
    expect(tooLarge.message).toContain("£45.00");
    expect(await failure(refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 0 }))).toBeInstanceOf(InvalidInputError);
    expect(await failure(refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 12.5 }))).toBeInstanceOf(InvalidInputError);
    expect(await orderOf(orderId)).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 5000, refunds: [expect.objectContaining({ amountCents: 5000 })] });

    const intro = await database.db.sessionType.findUniqueOrThrow({ where: { slug: "intro-call" }, select: { id: true } });
    const free = await database.db.booking.create({
      data: {
        coachId: coach.id,
        sessionTypeId: intro.id,
        clientName: "Free Client",
        clientEmail: "free@example.com",
        clientTimeZone: "Europe/London",
        status: "CONFIRMED",
        startsAt: new Date("2026-04-20T10:00:00Z"),
        endsAt: new Date("2026-04-20T10:20:00Z"),
        blockedFrom: new Date("2026-04-20T10:00:00Z"),
        blockedUntil: new Date("2026-04-20T10:20:00Z"),
        manageTokenHash: "hash-free-refund",
        priceCents: 0,
        currency: "GBP",
      },
      select: { id: true },
    });
    expect((await failure(refundBookingByCoach({ db: database.db, actor: coach, bookingId: free.id }))).code).toBe("order_not_paid");
  });

  it("is for the coach who owns the booking only: another coach's booking is not found, a client is forbidden", async () => {
    const { bookingId, orderId } = await paidBooking();
    expect(await failure(refundBookingByCoach({ db: database.db, actor: otherCoach, bookingId }))).toBeInstanceOf(NotFoundError);
    expect(await failure(refundBookingByCoach({ db: database.db, actor: client, bookingId }))).toBeInstanceOf(ForbiddenError);
    expect(await failure(cancelBooking({ db: database.db, actor: otherCoach, bookingId, now: MONDAY_9AM }))).toBeInstanceOf(NotFoundError);
    expect(await orderOf(orderId)).toMatchObject({ status: "PAID", refundedCents: 0, refunds: [] });
  });
});

describe("the coach's late-cancellation policy", () => {
  it("is read and saved by the coach only, as a whole percentage from 0 to 100", async () => {
    const { db } = database;
    expect(await getBookingPolicy({ db, actor: coach })).toEqual({ cancellationCutoffHours: 24, lateCancellationRefundPercent: 0 });
    await expect(updateBookingPolicy({ db, actor: coach, lateCancellationRefundPercent: 40 })).resolves.toEqual({ cancellationCutoffHours: 24, lateCancellationRefundPercent: 40 });
    expect((await getBookingPolicy({ db, actor: coach })).lateCancellationRefundPercent).toBe(40);
    for (const bad of [-1, 101, 12.5]) {
      expect(await failure(updateBookingPolicy({ db, actor: coach, lateCancellationRefundPercent: bad }))).toBeInstanceOf(InvalidInputError);
    }
    expect(await failure(updateBookingPolicy({ db, actor: client, lateCancellationRefundPercent: 100 }))).toBeInstanceOf(ForbiddenError);
    // A coach without practice settings has nothing to update.
    expect((await failure(updateBookingPolicy({ db, actor: otherCoach, lateCancellationRefundPercent: 10 }))).code).toBe("settings_not_found");
    expect((await getBookingPolicy({ db, actor: coach })).lateCancellationRefundPercent).toBe(40);
    expect(await db.auditLog.count({ where: { action: "settings.booking_policy" } })).toBe(1);
  });
});

describe("parseMoneyAmount", () => {
  it("reads what a coach types into minor units, and refuses anything else", () => {
    expect(parseMoneyAmount("20", "GBP")).toBe(2000);
    expect(parseMoneyAmount(" 20.5 ", "GBP")).toBe(2050);
    expect(parseMoneyAmount("£1,020.00", "gbp")).toBe(102000);
    expect(parseMoneyAmount("1500", "JPY")).toBe(1500);
    for (const bad of ["", "0", "0.00", "-5", "20.505", "abc", "20,5", "1e3", "15.5", "12.345"]) {
      expect(parseMoneyAmount(bad, bad === "15.5" ? "JPY" : "GBP")).toBeNull();
    }
  });
});
