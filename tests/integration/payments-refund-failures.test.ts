import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The job queue is a recorder: which deliveries and refunds the payment code asks for.
vi.mock("@/lib/jobs/boss", async (importOriginal) => (await import("../helpers/recorded-jobs")).recordingBoss(importOriginal));

import type { CurrentUser } from "@/lib/auth/current-user";
import { executeRefund, MAX_REFUND_ATTEMPTS } from "@/lib/payments/execute-refund";
import type { PaymentProvider } from "@/lib/payments/provider";
import { refundBookingByCoach } from "@/lib/payments/refund-booking-by-coach";
import { createTestProvider } from "@/lib/payments/test-provider";
import type { FakeStripe, FakeStripeEvent } from "../helpers/fake-stripe";
import { bookPaid, londonAt, orderOfBooking, paymentState, PRICE_CENTS } from "../helpers/paid-booking";
import { sentJobs } from "../helpers/recorded-jobs";
import { closeStripeRouteTestbed, deliverToRoute, startStripeRouteTestbed } from "../helpers/stripe-route";
import type { TestDatabase } from "../helpers/test-database";

// Refunds that Stripe fails after accepting them, refunds made in the dashboard, and a dashboard
// refund made while one of ours waits: Stripe's events through the real webhook route against a
// real database (PGlite, or PostgreSQL with TEST_DATABASE_URL), the SDK talking to the fake Stripe.
// The rule: what the order says was refunded is what Stripe actually refunded.

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
  fake.setRefundStatus("succeeded");
});

let day = 2;
const nextStart = () => londonAt(day++, 10);

async function outcomeOf(event: FakeStripeEvent) {
  const response = await deliverToRoute(fake, event);
  expect(response.status).toBe(200);
  return ((await response.json()) as { outcome: string }).outcome;
}

/** A confirmed, paid booking: its id, the order's id and its payment intent. */
async function paidBooking(email: string) {
  const { booking } = await bookPaid({ db: database.db, provider, start: nextStart(), email });
  const { checkoutId } = await orderOfBooking(database.db, booking.id);
  expect(await outcomeOf(fake.complete(checkoutId))).toBe("applied");
  const { orderId, paymentIntentId } = await orderOfBooking(database.db, booking.id);
  return { bookingId: booking.id, orderId, paymentIntentId: paymentIntentId! };
}

const stripeRefunded = (paymentIntentId: string) => fake.charges.get(paymentIntentId)!.amount_refunded;
const refundsOf = (orderId: string) =>
  database.db.refund.findMany({ where: { orderId }, orderBy: { createdAt: "asc" }, select: { amountCents: true, status: true, origin: true, providerRefundId: true, lastError: true } });
const coachEmails = () => database.db.emailMessage.findMany({ where: { template: "refund-failed" }, orderBy: { createdAt: "asc" }, select: { toAddress: true, subject: true, text: true } });
const emailsTo = (address: string) => database.db.emailMessage.findMany({ where: { toAddress: address }, orderBy: { createdAt: "asc" }, select: { template: true } });

describe("refunds Stripe fails after accepting them", () => {
  it("our refund, accepted as pending, then failed: FAILED, the order back to PAID, the coach emailed once, the buyer not", async () => {
    const { bookingId, orderId, paymentIntentId } = await paidBooking("closed-card@example.com");
    const { refundId } = await refundBookingByCoach({ db: database.db, actor: coach, bookingId, reason: "Sorry, I'm unwell" });
    fake.setRefundStatus("pending");
    expect(await executeRefund({ db: database.db, provider, refundId })).toBe("succeeded");
    const [made] = fake.refunds.filter((refund) => refund.metadata.refundId === refundId);
    expect(made).toMatchObject({ status: "pending", amount: PRICE_CENTS });
    expect((await paymentState(database.db, bookingId)).order).toMatchObject({ status: "REFUNDED", refundedCents: PRICE_CENTS });
    const buyerBefore = await emailsTo("closed-card@example.com");

    // Days later the card turns out to be closed: Stripe fails the refund and says so three ways.
    const failed = fake.failRefund(made.id, "expired_or_canceled_card");
    const updated = fake.refundEvent("refund.updated", made.id);
    const chargeRefundUpdated = fake.refundEvent("charge.refund.updated", made.id);
    sentJobs.length = 0;
    expect(await outcomeOf(failed)).toBe("applied");
    expect(await outcomeOf(failed)).toBe("duplicate");
    expect(await outcomeOf(updated)).toBe("ignored");
    expect(await outcomeOf(chargeRefundUpdated)).toBe("ignored");

    const state = await paymentState(database.db, bookingId);
    expect(state.order).toMatchObject({ status: "PAID", refundedCents: 0 });
    expect(state.order.refundedCents).toBe(stripeRefunded(paymentIntentId));
    expect(await refundsOf(orderId)).toEqual([
      { amountCents: PRICE_CENTS, status: "FAILED", origin: "COACH", providerRefundId: made.id, lastError: "The refund couldn't be completed: the card has expired or been cancelled (expired_or_canceled_card)." },
    ]);
    const told = await coachEmails();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ toAddress: "coach@example.com", subject: "A refund of £95.00 couldn't be completed" });
    expect(told[0].text).toContain("the money is back in your balance and hasn't reached the buyer");
    expect(told[0].text).toContain("the card has expired or been cancelled");
    expect(told[0].text).toContain("If the refund cancelled a booking or closed access to downloads or a course, those stay as they are");
    // True to what the buyer sees: no email, and a booking page saying the refund isn't completed yet.
    expect(told[0].text).toContain("The buyer was emailed that the refund is on its way and hasn't been emailed about this. Their booking page shows this refund as not completed yet");
    expect(await database.db.auditLog.count({ where: { action: "refund.failed", entityId: refundId } })).toBe(1);
    // Delivered at once after commit, once.
    expect(sentJobs.filter((job) => job.name === "email.deliver")).toHaveLength(1);
    // The buyer gets nothing automatic: the coach decides what to say (decision 013).
    expect(await emailsTo("closed-card@example.com")).toEqual(buyerBefore);
    // The full amount can be refunded again.
    await expect(refundBookingByCoach({ db: database.db, actor: coach, bookingId })).resolves.toMatchObject({ amountCents: PRICE_CENTS });
  });

  it("Stripe's events for our refund before the worker hears back: recorded by our id in its metadata, counted once", async () => {
    const { bookingId, orderId, paymentIntentId } = await paidBooking("early-event@example.com");
    const { refundId } = await refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 3000 });
    // The worker's call reached Stripe, but its answer isn't recorded yet.
    const made = await provider.refund({ refundId, paymentIntentId, amountCents: 3000, idempotencyKey: `refund-${refundId}` });
    const chargeRefunded = fake.chargeRefundedEvent(paymentIntentId);

    // charge.refunded can't tell our waiting refund from a new one: Stripe is asked to send it again later.
    const early = await deliverToRoute(fake, chargeRefunded);
    expect(early.status).toBe(503);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe("refund_in_flight");

    expect(await outcomeOf(fake.refundEvent("refund.created", made.id))).toBe("applied");
    expect(await refundsOf(orderId)).toEqual([{ amountCents: 3000, status: "SUCCEEDED", origin: "COACH", providerRefundId: made.id, lastError: null }]);
    expect(await outcomeOf(chargeRefunded)).toBe("ignored");
    expect(await executeRefund({ db: database.db, provider, refundId })).toBe("succeeded");
    expect((await paymentState(database.db, bookingId)).order).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 3000 });
    expect(stripeRefunded(paymentIntentId)).toBe(3000);
  });

  it("a refund id we don't know, or a payment that isn't ours, is acknowledged and changes nothing", async () => {
    const { bookingId, orderId, paymentIntentId } = await paidBooking("stranger@example.com");
    // The order has a dashboard refund (its id known) and one of ours, each of an amount a stranger's event repeats.
    expect(await outcomeOf(fake.refundFromDashboard(paymentIntentId, 500))).toBe("applied");
    expect(await outcomeOf(fake.refundEvent("refund.created", fake.refunds.at(-1)!.id))).toBe("applied");
    const { refundId } = await refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 700 });
    expect(await executeRefund({ db: database.db, provider, refundId })).toBe("succeeded");
    const before = await paymentState(database.db, bookingId);
    const rowsBefore = await refundsOf(orderId);

    const stranger = { object: "refund", currency: "gbp", charge: "ch_x", status: "failed", failure_reason: "declined", payment_intent: paymentIntentId };
    const unknown = [
      fake.event("refund.failed", { ...stranger, id: "re_unknown_1", amount: 500, metadata: {} }),
      fake.event("refund.failed", { ...stranger, id: "re_unknown_2", amount: 700, metadata: {} }),
      // Our refund id, but a refund Stripe says is another: ours already has its own.
      fake.event("refund.failed", { ...stranger, id: "re_unknown_3", amount: 700, metadata: { refundId } }),
      fake.event("refund.failed", { ...stranger, id: "re_elsewhere", amount: 500, metadata: {}, payment_intent: "pi_not_ours" }),
    ];
    for (const event of unknown) expect(await outcomeOf(event)).toBe("ignored");

    const after = await paymentState(database.db, bookingId);
    expect({ ...after, events: before.events }).toEqual(before);
    expect(after.events).toBe(before.events + unknown.length);
    expect(after.order).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 1200 });
    expect(await refundsOf(orderId)).toEqual(rowsBefore);
  });
});

describe("refunds made in Stripe's dashboard, then failed", () => {
  it("the refund's own event records its id; its failure is matched by it and undone once", async () => {
    const { bookingId, orderId, paymentIntentId } = await paidBooking("dashboard-fails@example.com");
    expect(await outcomeOf(fake.refundFromDashboard(paymentIntentId, 2000))).toBe("applied");
    const made = fake.refunds.at(-1)!;
    expect(await outcomeOf(fake.refundEvent("refund.created", made.id))).toBe("applied");
    expect(await refundsOf(orderId)).toEqual([{ amountCents: 2000, status: "SUCCEEDED", origin: "PROVIDER_DASHBOARD", providerRefundId: made.id, lastError: null }]);

    const failed = fake.failRefund(made.id, "lost_or_stolen_card");
    expect(await outcomeOf(failed)).toBe("applied");
    expect(await outcomeOf(failed)).toBe("duplicate");
    expect((await paymentState(database.db, bookingId)).order).toMatchObject({ status: "PAID", refundedCents: 0 });
    expect(stripeRefunded(paymentIntentId)).toBe(0);
    expect((await refundsOf(orderId))[0]).toMatchObject({ status: "FAILED", lastError: expect.stringContaining("the card was reported lost or stolen") });
    expect((await coachEmails()).filter((email) => email.subject === "A refund of £20.00 couldn't be completed")).toHaveLength(1);
  });

  it("a failure that arrives before any other event of the refund is matched by its amount; what the refund cancelled stays cancelled", async () => {
    const { bookingId, orderId, paymentIntentId } = await paidBooking("dashboard-full@example.com");
    // In full from the dashboard: the upcoming booking is cancelled as if by the coach.
    expect(await outcomeOf(fake.refundFromDashboard(paymentIntentId, PRICE_CENTS))).toBe("applied");
    expect((await paymentState(database.db, bookingId)).booking.status).toBe("CANCELLED");
    const made = fake.refunds.at(-1)!;

    expect(await outcomeOf(fake.failRefund(made.id))).toBe("applied");
    // A late refund.created for it changes nothing more.
    expect(await outcomeOf(fake.refundEvent("refund.created", made.id))).toBe("ignored");
    const state = await paymentState(database.db, bookingId);
    expect(state.order).toMatchObject({ status: "PAID", refundedCents: 0 });
    expect(await refundsOf(orderId)).toEqual([expect.objectContaining({ amountCents: PRICE_CENTS, status: "FAILED", providerRefundId: made.id })]);
    // The coach decides about the booking: it stays cancelled.
    expect(state.booking.status).toBe("CANCELLED");
    expect((await coachEmails()).filter((email) => email.subject === "A refund of £95.00 couldn't be completed" && email.text.includes("dashboard-full@example.com"))).toHaveLength(1);
  });
});

describe("a dashboard refund while one of ours waits for Stripe", () => {
  it("ours refused for exceeding what is left: the order ends with exactly what Stripe refunded", async () => {
    const { bookingId, orderId, paymentIntentId } = await paidBooking("overlap@example.com");
    // The coach refunds in full here (recorded, waiting for the worker)…
    const { refundId } = await refundBookingByCoach({ db: database.db, actor: coach, bookingId });
    expect((await paymentState(database.db, bookingId)).order).toMatchObject({ status: "REFUNDED", refundedCents: PRICE_CENTS });
    // …and, meanwhile, £20 in Stripe's dashboard.
    const chargeRefunded = fake.refundFromDashboard(paymentIntentId, 2000);
    const dashboard = fake.refunds.at(-1)!;

    // Stripe's total (£20) leaves out our waiting refund: it can't be read yet, so it comes back later.
    expect((await deliverToRoute(fake, chargeRefunded)).status).toBe(503);
    expect(await outcomeOf(fake.refundEvent("refund.created", dashboard.id))).toBe("ignored");
    // Ours is more than is left on the charge: Stripe refuses it, and it is taken back out.
    expect(await executeRefund({ db: database.db, provider, refundId })).toBe("failed");
    // Stripe's retry of charge.refunded now reads as the dashboard's £20.
    expect(await outcomeOf(chargeRefunded)).toBe("applied");
    expect(await outcomeOf(fake.refundEvent("refund.updated", dashboard.id))).toBe("applied");

    const state = await paymentState(database.db, bookingId);
    expect(state.order).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 2000 });
    expect(state.order.refundedCents).toBe(stripeRefunded(paymentIntentId));
    expect(await refundsOf(orderId)).toEqual([
      expect.objectContaining({ amountCents: PRICE_CENTS, status: "FAILED", origin: "COACH", providerRefundId: null }),
      expect.objectContaining({ amountCents: 2000, status: "SUCCEEDED", origin: "PROVIDER_DASHBOARD", providerRefundId: dashboard.id }),
    ]);
    expect((await coachEmails()).filter((email) => email.text.includes("overlap@example.com")).map((email) => email.subject)).toEqual(["A refund of £95.00 didn't go through"]);
  });
});

describe("a charge.refunded delivered late", () => {
  it("after the refund it counted has failed: Stripe's total is read as it stands now, so no refund that never happened is recorded", async () => {
    const { bookingId, orderId, paymentIntentId } = await paidBooking("late-snapshot@example.com");
    // £40 of £95, accepted by Stripe as pending.
    const { refundId } = await refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 4000 });
    fake.setRefundStatus("pending");
    const made = await provider.refund({ refundId, paymentIntentId, amountCents: 4000, idempotencyKey: `refund-${refundId}` });
    const chargeRefunded = fake.chargeRefundedEvent(paymentIntentId);
    expect(chargeRefunded.data.object).toMatchObject({ amount_refunded: 4000 });
    // It arrives while ours waits (503); refund.created then records ours; days later it fails.
    expect((await deliverToRoute(fake, chargeRefunded)).status).toBe(503);
    expect(await outcomeOf(fake.refundEvent("refund.created", made.id))).toBe("applied");
    expect(await outcomeOf(fake.failRefund(made.id))).toBe("applied");
    const buyerBefore = await emailsTo("late-snapshot@example.com");

    // Stripe's retry of the first charge.refunded still carries its £40 snapshot.
    expect(await outcomeOf(chargeRefunded)).toBe("ignored");
    const state = await paymentState(database.db, bookingId);
    expect(state.order).toMatchObject({ status: "PAID", refundedCents: 0 });
    expect(state.order.refundedCents).toBe(stripeRefunded(paymentIntentId));
    expect(state.booking.status).toBe("CONFIRMED");
    expect(await refundsOf(orderId)).toEqual([expect.objectContaining({ amountCents: 4000, status: "FAILED", origin: "COACH" })]);
    expect(await emailsTo("late-snapshot@example.com")).toEqual(buyerBefore);
  });

  it("Stripe can't be asked for the total: 503 with nothing recorded (the event id neither), and Stripe's retry applies it", async () => {
    const { bookingId, paymentIntentId } = await paidBooking("ask-stripe@example.com");
    const dashboard = fake.refundFromDashboard(paymentIntentId, 1500);
    const before = await paymentState(database.db, bookingId);
    // The SDK's own two retries included.
    fake.failNext({ method: "GET", pathPrefix: "/v1/payment_intents/", times: 3, status: 500 });
    const down = await deliverToRoute(fake, dashboard);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe("provider_unavailable");
    expect(await paymentState(database.db, bookingId)).toEqual(before);

    expect(await outcomeOf(dashboard)).toBe("applied");
    expect((await paymentState(database.db, bookingId)).order).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 1500 });
  });
});

describe("one of ours that nobody is answering", () => {
  it("holds charge.refunded back only while it is in flight: not once it is 3 hours old, nor once its attempts are spent", async () => {
    for (const stuck of [{ createdAt: new Date(Date.now() - 3 * 3_600_000 - 60_000) }, { attempts: MAX_REFUND_ATTEMPTS }]) {
      const email = `stuck-${Object.keys(stuck)[0]}@example.com`;
      const { bookingId, orderId, paymentIntentId } = await paidBooking(email);
      // Ours, £30, never sent to Stripe (no worker, say); £20 is refunded in the dashboard meanwhile.
      const { refundId } = await refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 3000 });
      await database.db.refund.update({ where: { id: refundId }, data: stuck });
      const dashboard = fake.refundFromDashboard(paymentIntentId, 2000);

      // Not a 503 until Stripe gives up: ours is taken as held, so nothing beyond it is new yet.
      expect(await outcomeOf(dashboard)).toBe("ignored");
      // Once ours is made, Stripe's total shows the dashboard's £20 on top, and it is counted.
      await database.db.refund.update({ where: { id: refundId }, data: { attempts: 0 } });
      expect(await executeRefund({ db: database.db, provider, refundId })).toBe("succeeded");
      expect(await outcomeOf(fake.chargeRefundedEvent(paymentIntentId))).toBe("applied");
      expect((await paymentState(database.db, bookingId)).order).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 5000 });
      expect(stripeRefunded(paymentIntentId)).toBe(5000);
      expect((await refundsOf(orderId)).map((refund) => [refund.amountCents, refund.status, refund.origin])).toEqual([
        [3000, "SUCCEEDED", "COACH"],
        [2000, "SUCCEEDED", "PROVIDER_DASHBOARD"],
      ]);
    }
  });

  it("a worker without the order's provider (no Stripe key there, or another provider) spends its attempts, then FAILED with the coach asked to check Stripe", async () => {
    const { bookingId, orderId } = await paidBooking("no-key@example.com");
    const { refundId } = await refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 1000 });
    const attemptsOf = async () => (await database.db.refund.findUniqueOrThrow({ where: { id: refundId }, select: { attempts: true, lastError: true } }));

    expect(await executeRefund({ db: database.db, provider: null, refundId })).toBe("retry");
    expect(await attemptsOf()).toEqual({ attempts: 1, lastError: "This refund belongs to STRIPE, which isn't configured where the worker runs, so it couldn't be sent." });
    expect(await executeRefund({ db: database.db, provider: createTestProvider({ db: database.db }), refundId })).toBe("retry");
    expect(await attemptsOf()).toEqual({ attempts: 2, lastError: "This refund belongs to STRIPE, but the worker runs with TEST, so it couldn't be sent." });

    await database.db.refund.update({ where: { id: refundId }, data: { attempts: MAX_REFUND_ATTEMPTS - 1 } });
    expect(await executeRefund({ db: database.db, provider: null, refundId })).toBe("failed");
    expect(await refundsOf(orderId)).toEqual([expect.objectContaining({ amountCents: 1000, status: "FAILED", origin: "COACH" })]);
    expect((await paymentState(database.db, bookingId)).order).toMatchObject({ status: "PAID", refundedCents: 0 });
    expect(fake.requests.filter((request) => request.idempotencyKey === `refund-${refundId}`)).toEqual([]);
    const told = (await coachEmails()).filter((email) => email.text.includes("no-key@example.com"));
    expect(told.map((email) => email.subject)).toEqual(["A refund of £10.00 may not have gone through"]);
  });
});

describe("a refund given up on after timeouts", () => {
  it("the coach is told it may have gone through and to check the payment in Stripe before refunding again, not that it was refused", async () => {
    const { bookingId } = await paidBooking("timed-out@example.com");
    const { refundId } = await refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 2500 });
    await database.db.refund.update({ where: { id: refundId }, data: { attempts: MAX_REFUND_ATTEMPTS - 1 } });
    // The last try: Stripe answers 500 to the request and to the SDK's two retries.
    fake.failNext({ method: "POST", pathPrefix: "/v1/refunds", times: 3, status: 500 });
    expect(await executeRefund({ db: database.db, provider, refundId })).toBe("failed");

    const [told] = (await coachEmails()).filter((email) => email.text.includes("timed-out@example.com"));
    expect(told.subject).toBe("A refund of £25.00 may not have gone through");
    expect(told.text).toContain("We couldn't confirm whether the refund of £25.00 to timed-out@example.com");
    expect(told.text).toContain("Before refunding again, please check this payment in the provider's dashboard (Stripe)");
    expect(told.text).not.toMatch(/not accepted|no money has gone back/);
  });
});
