import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/jobs/boss", async (importOriginal) => (await import("../helpers/recorded-jobs")).recordingBoss(importOriginal));
// The configured provider, as a production site without a Stripe key would choose it. Every other
// test here passes its provider explicitly.
vi.mock("@/lib/payments/get-payment-provider", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/payments/get-payment-provider")>();
  const { parseConfig } = await import("@/lib/config");
  const production = parseConfig({ NODE_ENV: "production", AUTH_SECRET: "a".repeat(32), DATABASE_URL: "postgresql://x@127.0.0.1:5432/x" });
  return { ...actual, getPaymentProvider: (options: Parameters<typeof actual.getPaymentProvider>[0] = {}) => actual.getPaymentProvider({ config: production, ...options }) };
});

import type { CurrentUser } from "@/lib/auth/current-user";
import { parseConfig } from "@/lib/config";
import { ForbiddenError, NotAvailableYetError, UnavailableError } from "@/lib/errors";
import { cancelCheckout } from "@/lib/payments/cancel-checkout";
import { executeRefund } from "@/lib/payments/execute-refund";
import { expireUnpaidHolds } from "@/lib/payments/expire-unpaid-holds";
import { findCancelLinkCheckout } from "@/lib/payments/find-cancel-link-checkout";
import { findRebookingPath } from "@/lib/payments/find-rebooking-path";
import { getCheckoutSummary } from "@/lib/payments/get-checkout-summary";
import { payTestCheckout } from "@/lib/payments/pay-test-checkout";
import type { PaymentProvider } from "@/lib/payments/provider";
import { refundBookingByCoach } from "@/lib/payments/refund-booking-by-coach";
import { createStripeProvider } from "@/lib/payments/stripe-provider";
import { syncCheckout } from "@/lib/payments/sync-checkout";
import { createTestProvider } from "@/lib/payments/test-provider";
import { createBooking } from "@/lib/booking/create-booking";
import { formatDateTime } from "@/lib/time/format";
import { seedPractice } from "../helpers/booking";
import { failure } from "../helpers/errors";
import { startFakeStripe, type FakeStripe } from "../helpers/fake-stripe";
import { bookPaid, londonAt, openEveryDay, orderOfBooking, paymentState, PAID_SLUG, PRICE_CENTS } from "../helpers/paid-booking";
import { sentJobs } from "../helpers/recorded-jobs";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The checkout pages' calls (test-mode pay, success, cancel), the hold sweep, the coach's refunds and
// the refund worker's call, against a real database; Stripe through the fake API.

const APP = "http://localhost:3000";
let database: TestDatabase;
let fake: FakeStripe;
let stripe: PaymentProvider;
let testMode: PaymentProvider;
let coach: CurrentUser;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ coach } = await seedPractice(database.db));
  await openEveryDay(database.db, coach.id);
  fake = await startFakeStripe();
  stripe = createStripeProvider({ secretKey: "sk_test_fake", apiUrl: fake.url });
  testMode = createTestProvider({ db: database.db });
});

afterAll(async () => {
  await fake?.close();
  await database?.drop();
});

beforeEach(() => {
  sentJobs.length = 0;
});

let day = 2;
const nextStart = () => londonAt(day++, 10);

const emailsFor = (address: string) =>
  database.db.emailMessage.findMany({ where: { toAddress: address }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { template: true, status: true, text: true } });

describe("test mode", () => {
  it("pays through the test checkout: the same fulfilment as a webhook, a confirmed booking and a receipt that says no money moved", async () => {
    const { booking, checkoutUrl } = await bookPaid({ db: database.db, provider: testMode, start: nextStart(), email: "tester@example.com" });
    const { checkoutId, orderId } = await orderOfBooking(database.db, booking.id);
    expect(checkoutUrl).toBe(`${APP}/checkout/test/${checkoutId}`);
    const pending = await getCheckoutSummary({ db: database.db, checkoutId });
    expect(pending).toMatchObject({
      orderId,
      status: "PENDING",
      provider: "TEST",
      email: "tester@example.com",
      currency: "GBP",
      totalCents: PRICE_CENTS,
      checkoutUrl,
      successUrl: `${APP}/checkout/complete?session_id=${checkoutId}`,
      cancelUrl: expect.stringMatching(new RegExp(`^${APP}/checkout/cancelled\\?order=${orderId}&sig=[A-Za-z0-9_-]{43}$`)),
      latePaymentRefunded: false,
    });
    // The session is named once by what it is: when it is stands on its own in `booking`.
    expect(pending.items).toEqual([{ title: "One-on-one strategy session with Maya Ellison", quantity: 1, totalCents: PRICE_CENTS }]);
    expect(pending.booking).toMatchObject({ status: "HELD", clientTimeZone: "America/New_York", coachTimeZone: "Europe/London", coachName: "Maya Ellison" });

    const { redirectUrl } = await payTestCheckout({ db: database.db, checkoutId });
    expect(redirectUrl).toBe(`${APP}/checkout/complete?session_id=${checkoutId}`);
    expect(await payTestCheckout({ db: database.db, checkoutId })).toEqual({ redirectUrl });
    const summary = await syncCheckout({ db: database.db, provider: testMode, checkoutId });
    expect(summary.status).toBe("PAID");
    expect(summary.booking?.status).toBe("CONFIRMED");
    expect(summary.checkoutUrl).toBeNull();

    const state = await paymentState(database.db, booking.id);
    expect(state.order.paymentIntentId).toMatch(/^test_pi_[0-9a-f]{32}$/);
    expect(await database.db.paymentEvent.count({ where: { id: { startsWith: "test_evt_" } } })).toBe(1);
    const emails = await emailsFor("tester@example.com");
    expect(emails.map((email) => `${email.template}:${email.status}`)).toEqual(["booking-confirmed-client:PENDING", "payment-receipt:PENDING"]);
    expect(emails[1].text).toContain("Test payment: no money moved.");
    expect(emails[1].text).toContain("Total paid: £95.00");
  });

  it("the cancel page releases the time at once and discards the held-back emails; twice is harmless; paying afterwards is refused", async () => {
    const start = nextStart();
    const { booking } = await bookPaid({ db: database.db, provider: testMode, start, email: "changed-mind@example.com" });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    const summary = await cancelCheckout({ db: database.db, provider: testMode, checkoutId });
    expect(summary.status).toBe("CANCELLED");
    expect(summary.booking?.status).toBe("EXPIRED");
    expect((await cancelCheckout({ db: database.db, provider: testMode, checkoutId })).status).toBe("CANCELLED");
    expect((await emailsFor("changed-mind@example.com")).map((email) => email.status)).toEqual(["DISCARDED"]);
    const refused = await failure(payTestCheckout({ db: database.db, checkoutId }));
    expect(refused.code).toBe("checkout_closed");
    expect(refused.status).toBe(422);
    expect((await paymentState(database.db, booking.id)).order.status).toBe("CANCELLED");
    expect((await bookPaid({ db: database.db, provider: testMode, start, email: "next-in-line@example.com" })).booking.status).toBe("HELD");
  });

  it("a test checkout left open can't be paid once test payments are off (a Stripe key added, or production without PAYMENTS_TEST_MODE); its time is released", async () => {
    const base = { AUTH_SECRET: "a".repeat(32), DATABASE_URL: "postgresql://x@127.0.0.1:5432/x" };
    for (const env of [{ ...base, STRIPE_SECRET_KEY: "sk_live_new" }, { ...base, NODE_ENV: "production" }]) {
      const start = nextStart();
      const { booking } = await bookPaid({ db: database.db, provider: testMode, start, email: "switched@example.com" });
      const { checkoutId } = await orderOfBooking(database.db, booking.id);
      const refused = await failure(payTestCheckout({ db: database.db, checkoutId, config: parseConfig(env) }));
      expect(refused.code).toBe("test_payments_off");
      expect(refused.status).toBe(422);
      const state = await paymentState(database.db, booking.id);
      expect(state.order).toMatchObject({ status: "CANCELLED", paidAt: null });
      expect(state.booking.status).toBe("EXPIRED");
      // The time is free for the next person at once, not at the end of the hold.
      expect((await bookPaid({ db: database.db, provider: testMode, start, email: "next@example.com" })).booking.status).toBe("HELD");
    }
    const { booking } = await bookPaid({ db: database.db, provider: testMode, start: nextStart(), email: "demo@example.com" });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    const { redirectUrl } = await payTestCheckout({ db: database.db, checkoutId, config: parseConfig({ ...base, NODE_ENV: "production", PAYMENTS_TEST_MODE: "1" }) });
    expect(redirectUrl).toContain("/checkout/complete?session_id=");
    expect((await paymentState(database.db, booking.id)).order.status).toBe("PAID");
  });

  it("after a checkout that didn't go through, choosing another time leads to the session type's page while it is offered", async () => {
    const { db } = database;
    const { booking } = await bookPaid({ db, provider: testMode, start: nextStart(), email: "rebook@example.com" });
    const { checkoutId } = await orderOfBooking(db, booking.id);
    await cancelCheckout({ db, provider: testMode, checkoutId });
    expect(await findRebookingPath({ db, checkoutId })).toBe(`/book/${PAID_SLUG}`);
    expect(await findRebookingPath({ db, checkoutId: "test_cs_nope" })).toBe("/book");
    await db.sessionType.update({ where: { slug: PAID_SLUG }, data: { active: false } });
    try {
      expect(await findRebookingPath({ db, checkoutId })).toBe("/book");
    } finally {
      await db.sessionType.update({ where: { slug: PAID_SLUG }, data: { active: true } });
    }
  });

  it("a signed cancel link releases the time and cancels the order; an altered, another order's or a missing signature changes nothing", async () => {
    const { db } = database;
    const start = nextStart();
    const mine = await bookPaid({ db, provider: testMode, start, email: "signed-cancel@example.com" });
    const other = await bookPaid({ db, provider: testMode, start: nextStart(), email: "someone-else@example.com" });
    const { orderId, checkoutId } = await orderOfBooking(db, mine.booking.id);
    const linkOf = async (id: string) => {
      const url = new URL((await getCheckoutSummary({ db, checkoutId: (await orderOfBooking(db, id)).checkoutId })).cancelUrl);
      return { order: url.searchParams.get("order")!, sig: url.searchParams.get("sig")! };
    };
    const link = await linkOf(mine.booking.id);
    expect(link.order).toBe(orderId);

    const before = await paymentState(db, mine.booking.id);
    const flipped = `${link.sig.slice(0, -2)}${link.sig.at(-2) === "A" ? "B" : "A"}${link.sig.at(-1)}`;
    for (const bad of [{ order: orderId, sig: flipped }, { order: orderId, sig: (await linkOf(other.booking.id)).sig }, { order: orderId }]) {
      const refused = await failure(findCancelLinkCheckout({ db, link: bad }));
      expect([refused.status, refused.code]).toEqual([404, "checkout_not_found"]);
    }
    expect(await paymentState(db, mine.booking.id)).toEqual(before);
    expect(before.booking.status).toBe("HELD");

    // What the cancelled page does with the link: the checkout it names, then the same cancelCheckout as ever.
    expect(await findCancelLinkCheckout({ db, link })).toBe(checkoutId);
    const summary = await cancelCheckout({ db, provider: testMode, checkoutId: await findCancelLinkCheckout({ db, link }) });
    expect([summary.status, summary.booking?.status]).toEqual(["CANCELLED", "EXPIRED"]);
    expect((await paymentState(db, other.booking.id)).order.status).toBe("PENDING");
    expect((await bookPaid({ db, provider: testMode, start, email: "takes-the-time@example.com" })).booking.status).toBe("HELD");
  });

  it("an unknown checkout id is a calm 404", async () => {
    expect((await failure(getCheckoutSummary({ db: database.db, checkoutId: "test_cs_nope" }))).code).toBe("checkout_not_found");
    expect((await failure(payTestCheckout({ db: database.db, checkoutId: "test_cs_nope" }))).status).toBe(404);
  });
});

describe("Stripe checkout", () => {
  it("sends Stripe the database's price, the order id and the buyer's email; expires no sooner than 31 minutes", async () => {
    const now = new Date();
    const { booking, checkoutUrl } = await bookPaid({ db: database.db, provider: stripe, start: nextStart(), email: "priced@example.com", now });
    const { orderId, checkoutId } = await orderOfBooking(database.db, booking.id);
    const session = fake.sessions.get(checkoutId)!;
    expect(checkoutUrl).toBe(session.url);
    expect(session).toMatchObject({ client_reference_id: orderId, customer_email: "priced@example.com", amount_total: PRICE_CENTS, currency: "gbp" });
    expect(session.expires_at * 1000).toBeGreaterThanOrEqual(now.getTime() + 31 * 60_000 - 1000);
    const create = fake.requests.find((request) => request.path === "/v1/checkout/sessions" && request.method === "POST" && (request.params.client_reference_id as string) === orderId);
    expect(create?.idempotencyKey).toBe(`checkout-${orderId}`);
  });

  it("gives Stripe the documented placeholder in success_url only, a signed order link as cancel_url, and a line item that says what and when once", async () => {
    const start = nextStart();
    const { booking } = await bookPaid({ db: database.db, provider: stripe, start, email: "returns@example.com" });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    const session = fake.sessions.get(checkoutId)!;
    const summary = await getCheckoutSummary({ db: database.db, checkoutId });
    expect(session.success_url).toBe(`${APP}/checkout/complete?session_id={CHECKOUT_SESSION_ID}`);
    expect(session.cancel_url).toBe(summary.cancelUrl);
    expect(session.cancel_url).not.toContain("{");
    // Stripe's page shows nothing but this name: what, and when in the client's zone, once.
    const name = `One-on-one strategy session with Maya Ellison, ${formatDateTime(start, "America/New_York")}`;
    expect(session.line_items_input.map((item) => item.name)).toEqual([name]);
  });

  it("the success page confirms by asking Stripe when the webhook is slow", async () => {
    const { booking } = await bookPaid({ db: database.db, provider: stripe, start: nextStart(), email: "impatient@example.com" });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    expect((await syncCheckout({ db: database.db, provider: stripe, checkoutId })).status).toBe("PENDING");
    fake.complete(checkoutId);
    const summary = await syncCheckout({ db: database.db, provider: stripe, checkoutId });
    expect(summary.status).toBe("PAID");
    expect(summary.booking?.status).toBe("CONFIRMED");
    expect(sentJobs.filter((job) => job.name === "email.deliver")).toHaveLength(3);
  });

  it("the cancel page expires the session at Stripe; if it was paid meanwhile, the payment is applied instead", async () => {
    const first = await bookPaid({ db: database.db, provider: stripe, start: nextStart(), email: "cancel-stripe@example.com" });
    const a = await orderOfBooking(database.db, first.booking.id);
    expect((await cancelCheckout({ db: database.db, provider: stripe, checkoutId: a.checkoutId })).status).toBe("CANCELLED");
    expect(fake.sessions.get(a.checkoutId)!.status).toBe("expired");

    const second = await bookPaid({ db: database.db, provider: stripe, start: nextStart(), email: "paid-then-back@example.com" });
    const b = await orderOfBooking(database.db, second.booking.id);
    fake.complete(b.checkoutId);
    const summary = await cancelCheckout({ db: database.db, provider: stripe, checkoutId: b.checkoutId });
    expect(summary.status).toBe("PAID");
    expect(summary.booking?.status).toBe("CONFIRMED");
  });

  it("when Stripe can't open the checkout, nothing is charged and the time is released at once", async () => {
    const start = nextStart();
    // The SDK retries twice; all three attempts fail.
    fake.failNext({ method: "POST", pathPrefix: "/v1/checkout/sessions", times: 3, status: 500 });
    const error = await failure(bookPaid({ db: database.db, provider: stripe, start, email: "unlucky@example.com" }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.code).toBe("checkout_unavailable");
    expect(error.message).toContain("nothing was charged and the time was released");
    const booking = await database.db.booking.findFirstOrThrow({ where: { clientEmail: "unlucky@example.com" }, select: { id: true, status: true } });
    expect(booking.status).toBe("EXPIRED");
    expect((await paymentState(database.db, booking.id)).order.status).toBe("CANCELLED");
    expect((await emailsFor("unlucky@example.com")).map((email) => email.status)).toEqual(["DISCARDED"]);
    expect((await bookPaid({ db: database.db, provider: stripe, start, email: "lucky@example.com" })).booking.status).toBe("HELD");
  });

  it("the hold sweep expires lapsed checkouts at Stripe and releases them; a checkout paid meanwhile is applied; live holds stay", async () => {
    const longAgo = new Date(Date.now() - 45 * 60_000);
    const lapsed = await bookPaid({ db: database.db, provider: stripe, start: nextStart(), email: "lapsed@example.com", now: longAgo });
    const paidLate = await bookPaid({ db: database.db, provider: stripe, start: nextStart(), email: "paid-late@example.com", now: longAgo });
    const live = await bookPaid({ db: database.db, provider: stripe, start: nextStart(), email: "live@example.com" });
    const a = await orderOfBooking(database.db, lapsed.booking.id);
    const b = await orderOfBooking(database.db, paidLate.booking.id);
    fake.complete(b.checkoutId);

    expect(await expireUnpaidHolds({ db: database.db, provider: stripe })).toBe(1);
    expect(fake.sessions.get(a.checkoutId)!.status).toBe("expired");
    const lapsedState = await paymentState(database.db, lapsed.booking.id);
    expect([lapsedState.order.status, lapsedState.booking.status]).toEqual(["EXPIRED", "EXPIRED"]);
    const paidState = await paymentState(database.db, paidLate.booking.id);
    expect([paidState.order.status, paidState.booking.status]).toEqual(["PAID", "CONFIRMED"]);
    const liveState = await paymentState(database.db, live.booking.id);
    expect([liveState.order.status, liveState.booking.status]).toEqual(["PENDING", "HELD"]);
    expect(await expireUnpaidHolds({ db: database.db, provider: stripe })).toBe(0);
  });
});

describe("production without Stripe", () => {
  it("refuses paid checkout kindly before anything is reserved", async () => {
    const [bookings, orders] = await Promise.all([database.db.booking.count(), database.db.order.count()]);
    const error = await failure(
      createBooking({
        db: database.db,
        sessionTypeSlug: PAID_SLUG,
        start: nextStart(),
        name: "Early bird",
        email: "early@example.com",
        timeZone: "Europe/London",
        answers: { focus: "x", format: "Video call" },
      }),
    );
    expect(error).toBeInstanceOf(NotAvailableYetError);
    expect(error.code).toBe("payments_not_configured");
    expect(error.message).toContain("Nothing has been reserved or charged");
    expect([await database.db.booking.count(), await database.db.order.count()]).toEqual([bookings, orders]);
  });
});

describe("refunds", () => {
  async function paidBooking(email: string, provider: PaymentProvider) {
    const { booking } = await bookPaid({ db: database.db, provider, start: nextStart(), email });
    const { checkoutId } = await orderOfBooking(database.db, booking.id);
    if (provider.name === "TEST") await payTestCheckout({ db: database.db, checkoutId });
    else {
      fake.complete(checkoutId);
      await syncCheckout({ db: database.db, provider, checkoutId });
    }
    return booking.id;
  }

  it("the coach refunds part, then the rest; never more than was paid; only her own bookings; only the coach", async () => {
    const bookingId = await paidBooking("refunded@example.com", testMode);
    const part = await refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 2500, reason: "The call started late" });
    expect(part).toMatchObject({ amountCents: 2500, currency: "GBP" });
    expect(sentJobs.filter((job) => job.name === "payments.refund").map((job) => job.data)).toEqual([{ refundId: part.refundId }]);
    let state = await paymentState(database.db, bookingId);
    expect(state.order).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 2500 });
    expect(state.booking.status).toBe("CONFIRMED");
    expect(await executeRefund({ db: database.db, provider: testMode, refundId: part.refundId })).toBe("succeeded");
    expect((await database.db.refund.findUniqueOrThrow({ where: { id: part.refundId }, select: { providerRefundId: true } })).providerRefundId).toMatch(/^test_re_/);

    const email = (await emailsFor("refunded@example.com")).find((message) => message.template === "refund-issued")!;
    expect(email.text).toContain("We're refunding £25.00");
    expect(email.text).toContain("In total, £25.00 of the £95.00 you paid has been refunded.");
    expect(email.text).toContain("“The call started late”");
    expect(email.text).toContain("Test payment: no money moved.");

    const rest = await refundBookingByCoach({ db: database.db, actor: coach, bookingId });
    expect(rest.amountCents).toBe(PRICE_CENTS - 2500);
    state = await paymentState(database.db, bookingId);
    expect(state.order).toMatchObject({ status: "REFUNDED", refundedCents: PRICE_CENTS });
    const tooMuch = await failure(refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 1 }));
    expect(tooMuch.code).toBe("refund_too_large");
    expect(tooMuch.status).toBe(422);

    const otherCoach = { ...coach, id: "someone-else" };
    expect((await failure(refundBookingByCoach({ db: database.db, actor: otherCoach, bookingId }))).code).toBe("booking_not_found");
    expect(await failure(refundBookingByCoach({ db: database.db, actor: { ...coach, role: "CLIENT" }, bookingId }))).toBeInstanceOf(ForbiddenError);
  });

  it("refuses to refund a booking that hasn't been paid", async () => {
    const { booking } = await bookPaid({ db: database.db, provider: testMode, start: nextStart(), email: "not-yet@example.com" });
    expect((await failure(refundBookingByCoach({ db: database.db, actor: coach, bookingId: booking.id }))).code).toBe("order_not_paid");
  });

  it("a refund Stripe can't take yet is retried with the same key; a refusal marks it failed, takes it off the total and tells the coach", async () => {
    const bookingId = await paidBooking("stripe-refund@example.com", stripe);
    const { refundId } = await refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 1000 });
    fake.failNext({ method: "POST", pathPrefix: "/v1/refunds", times: 3, status: 500 });
    expect(await executeRefund({ db: database.db, provider: stripe, refundId })).toBe("retry");
    expect(await database.db.refund.findUniqueOrThrow({ where: { id: refundId }, select: { status: true, attempts: true } })).toEqual({ status: "PENDING", attempts: 1 });
    expect(await executeRefund({ db: database.db, provider: stripe, refundId })).toBe("succeeded");
    expect(fake.requests.filter((request) => request.path === "/v1/refunds" && request.idempotencyKey === `refund-${refundId}`).length).toBeGreaterThanOrEqual(2);
    expect(fake.refunds.filter((refund) => refund.amount === 1000)).toHaveLength(1);

    const refused = await refundBookingByCoach({ db: database.db, actor: coach, bookingId, amountCents: 500 });
    fake.failNext({ method: "POST", pathPrefix: "/v1/refunds", times: 1, status: 400 });
    expect(await executeRefund({ db: database.db, provider: stripe, refundId: refused.refundId })).toBe("failed");
    const state = await paymentState(database.db, bookingId);
    expect(state.order).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 1000 });
    expect(state.refunds.map((refund) => refund.status)).toEqual(["SUCCEEDED", "FAILED"]);
    const told = await database.db.emailMessage.findFirstOrThrow({ where: { template: "refund-failed" }, select: { toAddress: true, subject: true } });
    expect(told).toEqual({ toAddress: "coach@example.com", subject: "A refund of £5.00 didn't go through" });
  });
});
