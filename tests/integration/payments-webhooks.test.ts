import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The job queue is a recorder: which deliveries, reminders and refunds the payment code asks for.
vi.mock("@/lib/jobs/boss", async (importOriginal) => (await import("../helpers/recorded-jobs")).recordingBoss(importOriginal));

import { executeRefund } from "@/lib/payments/execute-refund";
import { refundBookingByCoach } from "@/lib/payments/refund-booking-by-coach";
import type { PaymentProvider } from "@/lib/payments/provider";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { FakeStripe, FakeStripeEvent } from "../helpers/fake-stripe";
import { bookPaid, londonAt, orderOfBooking, PAID_SLUG, paymentState, PRICE_CENTS } from "../helpers/paid-booking";
import { sentJobs } from "../helpers/recorded-jobs";
import { closeStripeRouteTestbed, deliverToRoute, startStripeRouteTestbed } from "../helpers/stripe-route";
import type { TestDatabase } from "../helpers/test-database";

// Stripe's events through the real webhook route (raw body, signature, processPaymentEvent) against
// a real database, with the SDK talking to the fake Stripe API. The route runs on the real clock, so
// sessions are booked days ahead of today.

let database: TestDatabase;
let fake: FakeStripe;
let provider: PaymentProvider;
let coach: CurrentUser;

beforeAll(async () => {
  ({ database, fake, provider, coach } = await startStripeRouteTestbed());
});

afterAll(async () => {
  await closeStripeRouteTestbed({ database, fake });
});

beforeEach(() => {
  sentJobs.length = 0;
});

const HOUR = 3_600_000;

let day = 2;
/** A fresh day for every test, so no test's booking stands in another's way. */
const nextStart = () => londonAt(day++, 10);

function deliver(event: FakeStripeEvent, signature?: string) {
  return deliverToRoute(fake, event, signature);
}

async function outcomeOf(response: Response) {
  expect(response.status).toBe(200);
  return ((await response.json()) as { outcome: string }).outcome;
}

const jobsNamed = (name: string) => sentJobs.filter((job) => job.name === name);

/** A lapsed hold paid for after its time stopped being bookable: refunded in full, never confirmed. */
async function expectLatePaymentRefunded(bookingId: string, email: string) {
  const { orderId, checkoutId } = await orderOfBooking(database.db, bookingId);
  expect(await outcomeOf(await deliver(fake.complete(checkoutId)))).toBe("applied");
  const state = await paymentState(database.db, bookingId);
  expect(state.booking.status).toBe("EXPIRED");
  expect(state.order).toMatchObject({ status: "REFUNDED", refundedCents: PRICE_CENTS });
  expect(state.refunds).toEqual([{ amountCents: PRICE_CENTS, status: "PENDING", origin: "LATE_PAYMENT" }]);
  const held = await database.db.emailMessage.findMany({ where: { waitingFor: `order:${orderId}` }, select: { status: true } });
  expect(held.map((message) => message.status)).toEqual(["DISCARDED", "DISCARDED"]);
  const kind = await database.db.emailMessage.findFirstOrThrow({ where: { template: "late-payment-refunded", toAddress: email }, select: { subject: true, text: true } });
  expect(kind.subject).toBe("We've refunded your payment of £95.00");
  expect(kind.text).toContain("we've refunded you in full (£95.00)");
  expect(await database.db.emailMessage.count({ where: { template: "payment-receipt", toAddress: email } })).toBe(0);
  expect(jobsNamed("payments.refund")).toHaveLength(1);
}

describe("POST /api/stripe/webhook with the fake Stripe", () => {
  it("one completed event delivered 5 times: one confirmation, one set of emails, one receipt", async () => {
    const { booking } = await bookPaid({ db: database.db, provider, start: nextStart(), email: "five@example.com" });
    const { orderId, checkoutId } = await orderOfBooking(database.db, booking.id);
    const event = fake.complete(checkoutId);

    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await outcomeOf(await deliver(event)));
    expect(outcomes).toEqual(["applied", "duplicate", "duplicate", "duplicate", "duplicate"]);

    const state = await paymentState(database.db, booking.id);
    expect(state.booking.status).toBe("CONFIRMED");
    expect(state.order).toMatchObject({ status: "PAID", refundedCents: 0, paymentIntentId: fake.sessions.get(checkoutId)!.payment_intent });
    expect(state.events).toBe(1);
    const mine = await database.db.emailMessage.findMany({ where: { OR: [{ waitingFor: `order:${orderId}` }, { template: "payment-receipt", toAddress: "five@example.com" }] }, select: { template: true, status: true } });
    expect(mine.map((email) => `${email.template}:${email.status}`).sort()).toEqual([
      "booking-confirmed-client:PENDING",
      "booking-confirmed-coach:PENDING",
      "payment-receipt:PENDING",
    ]);
    // Delivered at once, and reminders scheduled, exactly once.
    expect(jobsNamed("email.deliver")).toHaveLength(3);
    expect(jobsNamed("booking.reminder").length).toBe(2);
    const receipt = await database.db.emailMessage.findFirstOrThrow({ where: { template: "payment-receipt", toAddress: "five@example.com" }, select: { subject: true, text: true } });
    expect(receipt.subject).toBe("Your receipt: £95.00");
    expect(receipt.text).toContain("Total paid: £95.00");
    expect(receipt.text).not.toContain("Test payment");
  });

  it("a late `expired` after `completed` never undoes the payment", async () => {
    const { booking } = await bookPaid({ db: database.db, provider, start: nextStart(), email: "late-expired@example.com" });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    expect(await outcomeOf(await deliver(fake.complete(checkoutId)))).toBe("applied");
    const paid = await paymentState(database.db, booking.id);
    expect(await outcomeOf(await deliver(fake.expire(checkoutId)))).toBe("ignored");
    const after = await paymentState(database.db, booking.id);
    expect(after.order.status).toBe("PAID");
    expect(after.booking.status).toBe("CONFIRMED");
    expect(after.emails).toEqual(paid.emails);
    expect(after.events).toBe(paid.events + 1);
  });

  it("a bad signature answers 400 and changes nothing", async () => {
    const { booking } = await bookPaid({ db: database.db, provider, start: nextStart(), email: "forged@example.com" });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    const before = await paymentState(database.db, booking.id);
    const event = fake.complete(checkoutId);
    const forged = fake.signEvent(event, "whsec_someone_else").signature;
    const response = await deliver(event, forged);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_signature");
    const missing = await deliver(event, "");
    expect(missing.status).toBe(400);
    expect(await paymentState(database.db, booking.id)).toEqual(before);
    expect(before.order.status).toBe("PENDING");
    expect(before.booking.status).toBe("HELD");
  });

  it("an expired checkout releases the hold and discards the held-back confirmations", async () => {
    const start = nextStart();
    const { booking } = await bookPaid({ db: database.db, provider, start, email: "walked-away@example.com" });
    const { orderId, checkoutId } = await orderOfBooking(database.db, booking.id);
    expect(await outcomeOf(await deliver(fake.expire(checkoutId)))).toBe("applied");
    const state = await paymentState(database.db, booking.id);
    expect(state.order.status).toBe("EXPIRED");
    expect(state.booking.status).toBe("EXPIRED");
    const held = await database.db.emailMessage.findMany({ where: { waitingFor: `order:${orderId}` }, select: { status: true } });
    expect(held.map((email) => email.status)).toEqual(["DISCARDED", "DISCARDED"]);
    // The time is free again at once.
    const again = await bookPaid({ db: database.db, provider, start, email: "next@example.com" });
    expect(again.booking.status).toBe("HELD");
  });

  it("a late payment whose time was taken is refunded in full, automatically, with a kind email and the nearest free times", async () => {
    const start = nextStart();
    const longAgo = new Date(Date.now() - 45 * 60_000);
    const { booking } = await bookPaid({ db: database.db, provider, start, email: "slow-bank@example.com", now: longAgo });
    const { orderId, checkoutId } = await orderOfBooking(database.db, booking.id);
    // The hold ran out; someone else took the time (their stale-hold sweep expired the first booking).
    const rival = await bookPaid({ db: database.db, provider, start, email: "rival@example.com" });
    expect(rival.booking.status).toBe("HELD");

    expect(await outcomeOf(await deliver(fake.complete(checkoutId)))).toBe("applied");
    const state = await paymentState(database.db, booking.id);
    expect(state.booking.status).toBe("EXPIRED");
    expect(state.order).toMatchObject({ status: "REFUNDED", refundedCents: PRICE_CENTS });
    expect(state.refunds).toEqual([{ amountCents: PRICE_CENTS, status: "PENDING", origin: "LATE_PAYMENT" }]);
    const held = await database.db.emailMessage.findMany({ where: { waitingFor: `order:${orderId}` }, select: { status: true } });
    expect(held.map((email) => email.status)).toEqual(["DISCARDED", "DISCARDED"]);
    const kind = await database.db.emailMessage.findFirstOrThrow({ where: { template: "late-payment-refunded", toAddress: "slow-bank@example.com" }, select: { subject: true, text: true } });
    expect(kind.subject).toBe("We've refunded your payment of £95.00");
    expect(kind.text).toContain("By the time your payment went through, the time you chose was no longer available");
    expect(kind.text).toContain("we've refunded you in full (£95.00)");
    expect(kind.text).toMatch(/nearest free times \(America\/New_York\):\n\n• \w+day/);
    expect(await database.db.emailMessage.count({ where: { template: "payment-receipt", toAddress: "slow-bank@example.com" } })).toBe(0);

    // After commit the refund goes to the worker; the provider sees it once, with our idempotency key.
    const [job] = jobsNamed("payments.refund");
    const refundId = job.data.refundId as string;
    expect(await executeRefund({ db: database.db, provider, refundId })).toBe("succeeded");
    expect(await executeRefund({ db: database.db, provider, refundId })).toBe("succeeded");
    const calls = fake.requests.filter((request) => request.method === "POST" && request.path === "/v1/refunds" && request.idempotencyKey === `refund-${refundId}`);
    expect(calls).toHaveLength(1);
    expect(calls[0].params).toMatchObject({ amount: String(PRICE_CENTS), payment_intent: state.order.paymentIntentId });
    const refund = await database.db.refund.findUniqueOrThrow({ where: { id: refundId }, select: { status: true, providerRefundId: true } });
    expect(refund.status).toBe("SUCCEEDED");
    expect(refund.providerRefundId).toMatch(/^re_/);
    // Stripe's own charge.refunded for that refund changes nothing: it was already counted.
    expect(await outcomeOf(await deliver(fake.chargeRefundedEvent(state.order.paymentIntentId!)))).toBe("ignored");
    expect((await paymentState(database.db, booking.id)).refunds).toHaveLength(1);
    // The rival's hold is untouched.
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: rival.booking.id }, select: { status: true } })).status).toBe("HELD");
  });

  it("a late payment whose time is still free confirms the booking, and the held-back confirmations go out", async () => {
    const start = nextStart();
    const longAgo = new Date(Date.now() - 45 * 60_000);
    const { booking } = await bookPaid({ db: database.db, provider, start, email: "still-free@example.com", now: longAgo });
    const { orderId, checkoutId } = await orderOfBooking(database.db, booking.id);
    // Time off the coach added since, earlier the same day, leaves this session's time alone.
    await database.db.timeOff.create({ data: { coachId: coach.id, startsAt: new Date(start.getTime() - 2 * HOUR), endsAt: new Date(start.getTime() - HOUR) } });
    expect(await outcomeOf(await deliver(fake.complete(checkoutId)))).toBe("applied");
    const state = await paymentState(database.db, booking.id);
    expect(state.booking.status).toBe("CONFIRMED");
    expect(state.order.status).toBe("PAID");
    expect(state.refunds).toEqual([]);
    const held = await database.db.emailMessage.findMany({ where: { waitingFor: `order:${orderId}` }, select: { status: true } });
    expect(held.map((email) => email.status)).toEqual(["PENDING", "PENDING"]);
  });

  it("a late payment is not held to the minimum notice its time has since come inside: it confirms", async () => {
    const longAgo = new Date(Date.now() - 45 * 60_000);
    // Bookable then (notice 0 in these tests); now the session type asks for more notice (48 h)
    // than is left before 08:00 tomorrow in London, at most 32 h away.
    const start = londonAt(1, 8);
    const { booking } = await bookPaid({ db: database.db, provider, start, email: "notice-late@example.com", now: longAgo });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    await database.db.sessionType.update({ where: { slug: PAID_SLUG }, data: { minimumNoticeMinutes: 48 * 60 } });
    try {
      expect(await outcomeOf(await deliver(fake.complete(checkoutId)))).toBe("applied");
      const state = await paymentState(database.db, booking.id);
      expect(state.booking.status).toBe("CONFIRMED");
      expect(state.refunds).toEqual([]);
    } finally {
      await database.db.sessionType.update({ where: { slug: PAID_SLUG }, data: { minimumNoticeMinutes: 0 } });
    }
  });

  it("a late payment for a time the coach has since taken off is refunded in full with the kind email, not confirmed", async () => {
    const start = nextStart();
    const longAgo = new Date(Date.now() - 45 * 60_000);
    const { booking } = await bookPaid({ db: database.db, provider, start, email: "time-off@example.com", now: longAgo });
    // No booking is anywhere near it: only the time off stands in the way.
    await database.db.timeOff.create({ data: { coachId: coach.id, startsAt: new Date(start.getTime() - HOUR), endsAt: new Date(start.getTime() + 3 * HOUR), note: "Away" } });
    await expectLatePaymentRefunded(booking.id, "time-off@example.com");
  });

  it("a late payment on a day that has since reached the session type's daily cap is refunded, not confirmed", async () => {
    const start = nextStart();
    const longAgo = new Date(Date.now() - 45 * 60_000);
    await database.db.sessionType.update({ where: { slug: PAID_SLUG }, data: { maxPerDay: 1 } });
    try {
      const { booking } = await bookPaid({ db: database.db, provider, start, email: "capped-late@example.com", now: longAgo });
      // Once the hold lapsed, someone else took the day's one session, hours away from this one.
      const rival = await bookPaid({ db: database.db, provider, start: new Date(start.getTime() + 4 * HOUR), email: "capped-rival@example.com" });
      expect(rival.booking.status).toBe("HELD");
      await expectLatePaymentRefunded(booking.id, "capped-late@example.com");
    } finally {
      await database.db.sessionType.update({ where: { slug: PAID_SLUG }, data: { maxPerDay: null } });
    }
  });

  it("a payment that completes after its checkout expired still confirms a free time, and the confirmations go out after all", async () => {
    const { booking } = await bookPaid({ db: database.db, provider, start: nextStart(), email: "after-expiry@example.com" });
    const { orderId, checkoutId } = await orderOfBooking(database.db, booking.id);
    const expired = fake.expire(checkoutId);
    const completed = fake.complete(checkoutId);
    expect(await outcomeOf(await deliver(expired))).toBe("applied");
    expect((await paymentState(database.db, booking.id)).order.status).toBe("EXPIRED");
    expect(await outcomeOf(await deliver(completed))).toBe("applied");
    const state = await paymentState(database.db, booking.id);
    expect(state.order.status).toBe("PAID");
    expect(state.booking.status).toBe("CONFIRMED");
    const held = await database.db.emailMessage.findMany({ where: { waitingFor: `order:${orderId}` }, select: { status: true } });
    expect(held.map((email) => email.status)).toEqual(["PENDING", "PENDING"]);
  });

  it("a refund made in Stripe's dashboard, delivered twice: recorded once; in full, it cancels the upcoming booking once", async () => {
    const { booking } = await bookPaid({ db: database.db, provider, start: nextStart(), email: "dashboard@example.com" });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    await deliver(fake.complete(checkoutId));
    const { paymentIntentId } = await orderOfBooking(database.db, booking.id);

    // Part first: recorded, booking left alone.
    const part = fake.refundFromDashboard(paymentIntentId!, 2000);
    expect(await outcomeOf(await deliver(part))).toBe("applied");
    expect(await outcomeOf(await deliver(part))).toBe("duplicate");
    let state = await paymentState(database.db, booking.id);
    expect(state.order).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 2000 });
    expect(state.booking.status).toBe("CONFIRMED");

    // Then the rest: the booking is cancelled by the coach, with the usual emails, once.
    const rest = fake.refundFromDashboard(paymentIntentId!, PRICE_CENTS - 2000);
    expect(await outcomeOf(await deliver(rest))).toBe("applied");
    expect(await outcomeOf(await deliver(rest))).toBe("duplicate");
    state = await paymentState(database.db, booking.id);
    expect(state.order).toMatchObject({ status: "REFUNDED", refundedCents: PRICE_CENTS });
    expect(state.refunds).toEqual([
      { amountCents: 2000, status: "SUCCEEDED", origin: "PROVIDER_DASHBOARD" },
      { amountCents: PRICE_CENTS - 2000, status: "SUCCEEDED", origin: "PROVIDER_DASHBOARD" },
    ]);
    expect(state.booking).toEqual({ status: "CANCELLED", sequence: 1, cancelledBy: "COACH", cancelReason: "Refunded by Maya Ellison" });
    const mine = state.emails.filter((email) => email.toAddress === "dashboard@example.com").map((email) => email.template);
    expect(mine).toEqual(["booking-confirmed-client", "payment-receipt", "refund-issued", "refund-issued", "booking-cancelled-client"]);
    expect(state.emails.filter((email) => email.template === "booking-cancelled-coach")).toHaveLength(1);
  });

  it("the coach's own refund is not counted again when Stripe reports it", async () => {
    const { booking } = await bookPaid({ db: database.db, provider, start: nextStart(), email: "coach-refund@example.com" });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    await deliver(fake.complete(checkoutId));
    const { refundId } = await refundBookingByCoach({ db: database.db, actor: coach, bookingId: booking.id, amountCents: 3000, reason: "Sorry about the late start" });
    // Stripe may report the refund before our worker has even heard back: still only the difference counts.
    expect(await executeRefund({ db: database.db, provider, refundId })).toBe("succeeded");
    const { paymentIntentId } = await orderOfBooking(database.db, booking.id);
    expect(await outcomeOf(await deliver(fake.chargeRefundedEvent(paymentIntentId!)))).toBe("ignored");
    const state = await paymentState(database.db, booking.id);
    expect(state.order).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 3000 });
    expect(state.refunds).toEqual([{ amountCents: 3000, status: "SUCCEEDED", origin: "COACH" }]);
    expect(state.booking.status).toBe("CONFIRMED");
  });

  it("an async payment: completed unpaid changes nothing; succeeded confirms; failed releases", async () => {
    const first = await bookPaid({ db: database.db, provider, start: nextStart(), email: "bank-transfer@example.com" });
    const { checkoutId } = await orderOfBooking(database.db, first.booking.id);
    expect(await outcomeOf(await deliver(fake.complete(checkoutId, { paymentStatus: "unpaid" })))).toBe("ignored");
    expect((await paymentState(database.db, first.booking.id)).booking.status).toBe("HELD");
    expect(await outcomeOf(await deliver(fake.asyncPayment(checkoutId, "succeeded")))).toBe("applied");
    expect((await paymentState(database.db, first.booking.id)).booking.status).toBe("CONFIRMED");

    const second = await bookPaid({ db: database.db, provider, start: nextStart(), email: "bounced@example.com" });
    const other = await orderOfBooking(database.db, second.booking.id);
    await deliver(fake.complete(other.checkoutId, { paymentStatus: "unpaid" }));
    expect(await outcomeOf(await deliver(fake.asyncPayment(other.checkoutId, "failed")))).toBe("applied");
    const state = await paymentState(database.db, second.booking.id);
    expect(state.order.status).toBe("CANCELLED");
    expect(state.booking.status).toBe("EXPIRED");
  });

  it("acknowledges event types it doesn't act on", async () => {
    const response = await deliver(fake.event("customer.created", { id: "cus_1", object: "customer" }));
    expect(await outcomeOf(response)).toBe("ignored");
  });
});
