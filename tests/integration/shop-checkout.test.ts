import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/jobs/boss", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/jobs/boss")>()),
  sendJobs: async () => undefined,
}));

import { AppError } from "@/lib/errors";
import type { PaymentProvider } from "@/lib/payments/provider";
import { expireUnpaidHolds } from "@/lib/payments/expire-unpaid-holds";
import { processPaymentEvent } from "@/lib/payments/process-payment-event";
import { createStripeProvider } from "@/lib/payments/stripe-provider";
import { syncCheckout } from "@/lib/payments/sync-checkout";
import { createTestProvider } from "@/lib/payments/test-provider";
import { addToCart } from "@/lib/shop/add-to-cart";
import { applyCoupon } from "@/lib/shop/apply-coupon";
import { getCart, type CartKey } from "@/lib/shop/cart";
import { createCartToken } from "@/lib/shop/cart-token";
import { checkoutCart } from "@/lib/shop/checkout-cart";
import { emptyPaidCart } from "@/lib/shop/empty-cart";
import { failure } from "../helpers/errors";
import { anotherIp } from "../helpers/networks";
import { startFakeStripe, type FakeStripe } from "../helpers/fake-stripe";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// Checkout under pressure: a code with a maximum number of uses, raced by ten buyers at once on
// PostgreSQL, and checkout with a discount through the Stripe SDK against the fake Stripe API.

let database: TestDatabase;
let fake: FakeStripe;
let stripe: PaymentProvider;
let testMode: PaymentProvider;
let journal: string;
let toolkit: string;

const browser = (): CartKey & { tokenHash: string } => ({ tokenHash: createCartToken().hash, userId: null });

async function cartWith(productIds: string[], code?: string) {
  const key = browser();
  for (const productId of productIds) await addToCart({ db: database.db, key, productId });
  if (code) await applyCoupon({ db: database.db, ip: anotherIp(), key, code });
  return key;
}

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeStripe();
  stripe = createStripeProvider({ secretKey: "sk_test_fake", apiUrl: fake.url });
  testMode = createTestProvider({ db: database.db, appUrl: "http://localhost:3000" });
  const common = { summary: "s", description: "d", currency: "GBP", kind: "DOWNLOAD" as const };
  journal = (await database.db.product.create({ data: { ...common, slug: "journal", title: "The Rejection Sensitivity Journal", priceCents: 1800 } })).id;
  toolkit = (await database.db.product.create({ data: { ...common, slug: "toolkit", title: "Alexithymia and Interoception Toolkit", priceCents: 2400 } })).id;
  await database.db.coupon.createMany({
    data: [
      { code: "THREE", kind: "PERCENT", percentOff: 10, maxRedemptions: 3 },
      { code: "QUARTER", kind: "PERCENT", percentOff: 25 },
      { code: "FIVER", kind: "AMOUNT", amountOffCents: 500, currency: "GBP", productId: null },
    ],
  });
});

afterAll(async () => {
  await fake?.close();
  await database?.drop();
});

describe("a code with a maximum number of uses", () => {
  it("ten buyers check out at once: exactly as many get it as it allows", async () => {
    if (process.env.TEST_DATABASE_URL) expect(database.embedded).toBe(false);
    // All ten carts hold the code before anyone checks out: each saw it as valid.
    const carts = await Promise.all(Array.from({ length: 10 }, () => cartWith([journal], "THREE")));
    const results = await Promise.allSettled(carts.map((key, index) => checkoutCart({ db: database.db, ip: anotherIp(), key, email: `buyer${index}@example.com`, provider: testMode })));

    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
    expect(won).toHaveLength(3);
    expect(lost).toHaveLength(7);
    for (const error of lost) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("coupon_refused");
      expect((error as AppError).message).toMatch(/THREE has been used as many times as it allows.*£18\.00/);
    }
    const coupon = await database.db.coupon.findUniqueOrThrow({ where: { code: "THREE" }, select: { id: true, redemptionCount: true } });
    expect(coupon.redemptionCount).toBe(3);
    expect(await database.db.order.count({ where: { couponId: coupon.id } })).toBe(3);
    expect(await database.db.order.count({ where: { couponId: coupon.id, discountCents: 180, totalCents: 1620 } })).toBe(3);

    // The buyers who missed out find the code taken off their cart and can pay the full price.
    const missed = carts[results.findIndex((result) => result.status === "rejected")];
    const view = await getCart({ db: database.db, key: missed });
    expect(view.couponCode).toBeNull();
    const { orderId } = await checkoutCart({ db: database.db, ip: anotherIp(), key: missed, email: "late@example.com", provider: testMode });
    expect(await database.db.order.findUniqueOrThrow({ where: { id: orderId }, select: { totalCents: true, couponId: true } })).toEqual({ totalCents: 1800, couponId: null });
  });
});

describe("an unpaid checkout that runs out", () => {
  it("is expired by the sweep, which gives the code's use back", async () => {
    await database.db.coupon.create({ data: { code: "LAPSE", kind: "AMOUNT", amountOffCents: 300, currency: "GBP", maxRedemptions: 1 } });
    const key = await cartWith([toolkit], "LAPSE");
    const now = new Date();
    const { orderId } = await checkoutCart({ db: database.db, ip: anotherIp(), key, email: "slow@example.com", provider: testMode, now });
    expect((await database.db.coupon.findUniqueOrThrow({ where: { code: "LAPSE" } })).redemptionCount).toBe(1);
    await expireUnpaidHolds({ db: database.db, provider: testMode, now: new Date(now.getTime() + 30 * 60_000) });
    expect((await database.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("PENDING");
    await expireUnpaidHolds({ db: database.db, provider: testMode, now: new Date(now.getTime() + 61 * 60_000) });
    expect((await database.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("EXPIRED");
    expect((await database.db.coupon.findUniqueOrThrow({ where: { code: "LAPSE" } })).redemptionCount).toBe(0);
  });

  it("a payment that arrives after all makes the order paid, and the code's use counts again, once", async () => {
    await database.db.coupon.create({ data: { code: "LATE", kind: "PERCENT", percentOff: 50, maxRedemptions: 5 } });
    const key = await cartWith([journal], "LATE");
    const now = new Date();
    const { orderId } = await checkoutCart({ db: database.db, ip: anotherIp(), key, email: "late-payer@example.com", provider: testMode, now });
    await expireUnpaidHolds({ db: database.db, provider: testMode, now: new Date(now.getTime() + 61 * 60_000) });
    expect((await database.db.coupon.findUniqueOrThrow({ where: { code: "LATE" } })).redemptionCount).toBe(0);

    const { checkoutId } = await database.db.order.findUniqueOrThrow({ where: { id: orderId }, select: { checkoutId: true } });
    const event = {
      eventId: `evt_late_${orderId}`,
      type: "checkout.completed" as const,
      checkout: { id: checkoutId!, orderId, status: "complete" as const, paymentStatus: "paid" as const, paymentIntentId: null, amountTotalCents: 900, currency: "GBP" },
    };
    await processPaymentEvent({ db: database.db, provider: testMode, event });
    await processPaymentEvent({ db: database.db, provider: testMode, event: { ...event, eventId: `${event.eventId}_again` } });
    expect((await database.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("PAID");
    expect((await database.db.coupon.findUniqueOrThrow({ where: { code: "LATE" } })).redemptionCount).toBe(1);
  });
});

describe("Stripe Checkout with a discount (fake Stripe API)", () => {
  it("passes the discount as a one-off Stripe coupon, so Stripe asks for exactly our total", async () => {
    const key = await cartWith([journal, toolkit], "quarter");
    const { orderId, checkoutUrl } = await checkoutCart({ db: database.db, ip: anotherIp(), key, email: "stripe@example.com", provider: stripe });
    const order = await database.db.order.findUniqueOrThrow({ where: { id: orderId }, select: { checkoutId: true, subtotalCents: true, discountCents: true, totalCents: true, provider: true } });
    expect(order).toMatchObject({ provider: "STRIPE", subtotalCents: 4200, discountCents: 1050, totalCents: 3150 });
    expect(checkoutUrl).toBe(`${fake.url}/checkout/${order.checkoutId}`);

    const session = fake.sessions.get(order.checkoutId!)!;
    expect(session.line_items_input).toEqual([
      { name: "The Rejection Sensitivity Journal", unit_amount: 1800, quantity: 1, currency: "gbp" },
      { name: "Alexithymia and Interoception Toolkit", unit_amount: 2400, quantity: 1, currency: "gbp" },
    ]);
    expect(session).toMatchObject({ amount_subtotal: 4200, amount_total: 3150, total_details: { amount_discount: 1050 }, customer_email: "stripe@example.com" });
    const coupon = fake.coupons.get(session.discounts[0].coupon)!;
    expect(coupon).toMatchObject({ amount_off: 1050, currency: "gbp", duration: "once", max_redemptions: 1, name: "Code QUARTER", metadata: { orderId } });
    const couponRequest = fake.requests.find((request) => request.path === "/v1/coupons")!;
    expect(couponRequest.idempotencyKey).toBe(`checkout-${orderId}-coupon`);

    // Paid on Stripe's page: the charge is our total, the order is paid, the cart empties.
    fake.complete(order.checkoutId!);
    const summary = await syncCheckout({ db: database.db, provider: stripe, checkoutId: order.checkoutId! });
    expect(summary.status).toBe("PAID");
    const paid = await database.db.order.findUniqueOrThrow({ where: { id: orderId }, select: { paymentIntentId: true } });
    expect(fake.charges.get(paid.paymentIntentId!)?.amount).toBe(3150);
    expect((await emptyPaidCart({ db: database.db, key, checkoutId: order.checkoutId! })).count).toBe(0);
  });

  it("a fixed amount off goes to Stripe as that amount; no code, no coupon", async () => {
    const withCode = await cartWith([journal], "FIVER");
    const { orderId } = await checkoutCart({ db: database.db, ip: anotherIp(), key: withCode, email: "fiver@example.com", provider: stripe });
    const { checkoutId } = await database.db.order.findUniqueOrThrow({ where: { id: orderId }, select: { checkoutId: true } });
    const session = fake.sessions.get(checkoutId!)!;
    expect(session).toMatchObject({ amount_subtotal: 1800, amount_total: 1300 });
    expect(fake.coupons.get(session.discounts[0].coupon)).toMatchObject({ amount_off: 500, currency: "gbp" });

    const couponsBefore = fake.coupons.size;
    const plain = await cartWith([toolkit]);
    const { orderId: plainOrder } = await checkoutCart({ db: database.db, ip: anotherIp(), key: plain, email: "plain@example.com", provider: stripe });
    const plainSession = fake.sessions.get((await database.db.order.findUniqueOrThrow({ where: { id: plainOrder } })).checkoutId!)!;
    expect(plainSession).toMatchObject({ amount_subtotal: 2400, amount_total: 2400, discounts: [] });
    expect(fake.coupons.size).toBe(couponsBefore);
  });

  it("when Stripe can't be reached, nothing is charged, the order is cancelled and the code's use comes back", async () => {
    await database.db.coupon.create({ data: { code: "SOLO", kind: "PERCENT", percentOff: 10, maxRedemptions: 1 } });
    const key = await cartWith([journal], "SOLO");
    fake.failNext({ method: "POST", pathPrefix: "/v1/checkout/sessions", times: 3, status: 500 });
    const error = await failure(checkoutCart({ db: database.db, ip: anotherIp(), key, email: "offline@example.com", provider: stripe }));
    expect(error.code).toBe("checkout_unavailable");
    expect(error.message).toMatch(/nothing was charged/);
    const order = await database.db.order.findFirstOrThrow({ where: { email: "offline@example.com" }, select: { status: true } });
    expect(order.status).toBe("CANCELLED");
    expect((await database.db.coupon.findUniqueOrThrow({ where: { code: "SOLO" } })).redemptionCount).toBe(0);
    // The cart is as it was, code and all, and the next try works.
    const view = await getCart({ db: database.db, key });
    expect(view).toMatchObject({ couponCode: "SOLO", count: 1, totals: { totalCents: 1620 } });
    const { orderId } = await checkoutCart({ db: database.db, ip: anotherIp(), key, email: "offline@example.com", provider: stripe });
    expect((await database.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("PENDING");
  }, 30_000);
});
