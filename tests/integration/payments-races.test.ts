import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/jobs/boss", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/jobs/boss")>()),
  sendJobs: async () => {},
}));

import { parseStripeWebhook } from "@/lib/payments/parse-stripe-webhook";
import { processPaymentEvent } from "@/lib/payments/process-payment-event";
import type { PaymentProvider } from "@/lib/payments/provider";
import { syncCheckout } from "@/lib/payments/sync-checkout";
import { FAKE_STRIPE_WEBHOOK_SECRET, type FakeStripe, type FakeStripeEvent } from "../helpers/fake-stripe";
import { bookPaid, londonAt, orderOfBooking, paymentState, PRICE_CENTS } from "../helpers/paid-booking";
import { closeStripeRouteTestbed, deliverToRoute, startStripeRouteTestbed } from "../helpers/stripe-route";
import type { TestDatabase } from "../helpers/test-database";

// Real concurrency needs real PostgreSQL: PGlite runs one statement at a time, so it can never show
// a race (ENVIRONMENT.md). Run with TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres.
const onServer = Boolean(process.env.TEST_DATABASE_URL);
if (!onServer) console.log("payments-races: skipped, these need a PostgreSQL server (set TEST_DATABASE_URL); PGlite cannot run statements concurrently.");

let database: TestDatabase;
let fake: FakeStripe;
let provider: PaymentProvider;

(onServer ? describe : describe.skip)("payment races on PostgreSQL", () => {
  beforeAll(async () => {
    ({ database, fake, provider } = await startStripeRouteTestbed());
  });

  afterAll(async () => {
    await closeStripeRouteTestbed({ database, fake });
  });

  function deliver(event: FakeStripeEvent) {
    return deliverToRoute(fake, event);
  }

  it("10 concurrent deliveries of one event through the route: exactly one effect", async () => {
    const { booking } = await bookPaid({ db: database.db, provider, start: londonAt(3, 10), email: "ten@example.com" });
    const { orderId, checkoutId } = await orderOfBooking(database.db, booking.id);
    const event = fake.complete(checkoutId);

    const responses = await Promise.all(Array.from({ length: 10 }, () => deliver(event)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const outcomes = await Promise.all(responses.map(async (response) => ((await response.json()) as { outcome: string }).outcome));
    expect(outcomes.filter((outcome) => outcome === "applied")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "duplicate")).toHaveLength(9);

    const state = await paymentState(database.db, booking.id);
    expect(state.booking.status).toBe("CONFIRMED");
    expect(state.order.status).toBe("PAID");
    expect(state.events).toBe(1);
    expect(await database.db.emailMessage.count({ where: { waitingFor: `order:${orderId}`, status: "PENDING" } })).toBe(2);
    expect(await database.db.emailMessage.count({ where: { template: "payment-receipt", toAddress: "ten@example.com" } })).toBe(1);
    expect(await database.db.auditLog.count({ where: { action: "booking.paid", entityId: booking.id } })).toBe(1);
  });

  it("the success page racing the webhook (5 + 5 at once, separate connections): one confirmation, one receipt", async () => {
    const { booking } = await bookPaid({ db: database.db, provider, start: londonAt(4, 10), email: "racing-page@example.com" });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    const signed = fake.signEvent(fake.complete(checkoutId));
    const event = parseStripeWebhook({ rawBody: signed.payload, signature: signed.signature, secret: FAKE_STRIPE_WEBHOOK_SECRET });

    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => processPaymentEvent({ db: database.db, provider, event })),
      ...Array.from({ length: 5 }, () => syncCheckout({ db: database.db, provider, checkoutId })),
    ]);
    const summaries = results.slice(5) as Array<{ status: string }>;
    expect(summaries.every((summary) => summary.status === "PAID")).toBe(true);
    const state = await paymentState(database.db, booking.id);
    expect(state.booking.status).toBe("CONFIRMED");
    expect(await database.db.emailMessage.count({ where: { template: "payment-receipt", toAddress: "racing-page@example.com" } })).toBe(1);
    expect(await database.db.emailMessage.count({ where: { template: "booking-confirmed-client", toAddress: "racing-page@example.com", status: "PENDING" } })).toBe(1);
  });

  it("completed and expired for one checkout at the same moment: paid wins, the booking is confirmed, the confirmations go out", async () => {
    for (let i = 0; i < 5; i++) {
      const { booking } = await bookPaid({ db: database.db, provider, start: londonAt(10 + i, 10), email: `tie${i}@example.com` });
      const { orderId, checkoutId } = await orderOfBooking(database.db, booking.id);
      const expired = fake.event("checkout.session.expired", { ...fake.sessions.get(checkoutId)!, status: "expired" });
      const completed = fake.complete(checkoutId);
      const responses = await Promise.all(i % 2 ? [deliver(expired), deliver(completed)] : [deliver(completed), deliver(expired)]);
      expect(responses.map((response) => response.status)).toEqual([200, 200]);
      const state = await paymentState(database.db, booking.id);
      expect([state.order.status, state.booking.status]).toEqual(["PAID", "CONFIRMED"]);
      const held = await database.db.emailMessage.findMany({ where: { waitingFor: `order:${orderId}` }, select: { status: true } });
      expect(held.map((email) => email.status)).toEqual(["PENDING", "PENDING"]);
    }
  });

  it("10 concurrent deliveries of a dashboard refund: recorded once, booking cancelled once", async () => {
    const { booking } = await bookPaid({ db: database.db, provider, start: londonAt(5, 10), email: "refund-race@example.com" });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    await deliver(fake.complete(checkoutId));
    const { paymentIntentId } = await orderOfBooking(database.db, booking.id);
    // Two different events for the same full refund (Stripe may send charge.refunded more than once with new ids).
    const first = fake.refundFromDashboard(paymentIntentId!, PRICE_CENTS);
    const second = fake.chargeRefundedEvent(paymentIntentId!);
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => deliver(i % 2 ? first : second)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const state = await paymentState(database.db, booking.id);
    expect(state.order).toMatchObject({ status: "REFUNDED", refundedCents: PRICE_CENTS });
    expect(state.refunds).toEqual([{ amountCents: PRICE_CENTS, status: "SUCCEEDED", origin: "PROVIDER_DASHBOARD" }]);
    expect(state.booking).toMatchObject({ status: "CANCELLED", sequence: 1 });
    expect(await database.db.emailMessage.count({ where: { template: "booking-cancelled-client", toAddress: "refund-race@example.com" } })).toBe(1);
  });

  it("one refund's failure reported 10 times at once (refund.failed, refund.updated, charge.refund.updated, repeated): undone once, the coach emailed once", async () => {
    const { booking } = await bookPaid({ db: database.db, provider, start: londonAt(7, 10), email: "failing-race@example.com" });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    await deliver(fake.complete(checkoutId));
    const { orderId, paymentIntentId } = await orderOfBooking(database.db, booking.id);
    expect((await deliver(fake.refundFromDashboard(paymentIntentId!, 4000))).status).toBe(200);
    const made = fake.refunds.at(-1)!;
    expect((await deliver(fake.refundEvent("refund.created", made.id))).status).toBe(200);
    const events = [fake.failRefund(made.id), fake.refundEvent("refund.updated", made.id), fake.refundEvent("charge.refund.updated", made.id)];

    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => deliver(events[i % 3])));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const outcomes = await Promise.all(responses.map(async (response) => ((await response.json()) as { outcome: string }).outcome));
    expect(outcomes.filter((outcome) => outcome === "applied")).toHaveLength(1);
    const state = await paymentState(database.db, booking.id);
    expect(state.order).toMatchObject({ status: "PAID", refundedCents: 0 });
    expect(state.refunds).toEqual([{ amountCents: 4000, status: "FAILED", origin: "PROVIDER_DASHBOARD" }]);
    expect(await database.db.emailMessage.count({ where: { template: "refund-failed", text: { contains: "failing-race@example.com" } } })).toBe(1);
    expect(await database.db.auditLog.count({ where: { action: "refund.failed", data: { path: ["orderId"], equals: orderId } } })).toBe(1);
  });

  it("a late payment racing a new booking for the same time: never both; the payment is either confirmed or refunded", async () => {
    const start = londonAt(6, 10);
    const { booking } = await bookPaid({ db: database.db, provider, start, email: "late-racer@example.com", now: new Date(Date.now() - 45 * 60_000) });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    const event = fake.complete(checkoutId);
    const [paid, rival] = await Promise.allSettled([deliver(event), bookPaid({ db: database.db, provider, start, email: "rival-racer@example.com" })]);
    expect(paid.status).toBe("fulfilled");
    const holding = await database.db.booking.count({ where: { startsAt: start, status: { in: ["HELD", "CONFIRMED"] } } });
    expect(holding).toBe(1);
    const state = await paymentState(database.db, booking.id);
    if (state.booking.status === "CONFIRMED") {
      expect(rival.status).toBe("rejected");
      expect(state.refunds).toEqual([]);
    } else {
      expect(rival.status).toBe("fulfilled");
      expect(state.refunds).toEqual([{ amountCents: PRICE_CENTS, status: "PENDING", origin: "LATE_PAYMENT" }]);
    }
  });
});
