import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { NotAvailableYetError, NotFoundError } from "@/lib/errors";
import { getPaymentProvider } from "@/lib/payments/get-payment-provider";
import { createTestProvider } from "@/lib/payments/test-provider";

type OrderRow = { id: string; status: string; totalCents: number; currency: string; paymentIntentId: string | null; checkoutExpiresAt: Date | null; checkoutId: string };

// Test mode reads one Order by checkout id; a stand-in for that single query keeps this a unit test.
function fakeDb(orders: OrderRow[]): DbOrTx {
  return {
    order: {
      findFirst: async ({ where }: { where: { checkoutId: string; provider: string } }) =>
        where.provider === "TEST" ? (orders.find((order) => order.checkoutId === where.checkoutId) ?? null) : null,
    },
  } as unknown as DbOrTx;
}

const input = {
  orderId: "order_1",
  email: "sam@example.com",
  currency: "GBP",
  lineItems: [{ name: "Session", unitAmountCents: 9500, quantity: 1 }],
  successUrl: "https://coach.example/checkout/complete?session_id={CHECKOUT_SESSION_ID}",
  cancelUrl: "https://coach.example/checkout/cancelled?session_id={CHECKOUT_SESSION_ID}",
  expiresAt: new Date("2030-01-01T10:00:00Z"),
  idempotencyKey: "checkout-order_1",
};

describe("createTestProvider", () => {
  const provider = createTestProvider({ db: fakeDb([]), appUrl: "https://coach.example/" });

  it("opens the product's own checkout page; the same key gives the same checkout", async () => {
    const first = await provider.createCheckout(input);
    expect(first.id).toMatch(/^test_cs_[0-9a-f]{32}$/);
    expect(first.url).toBe(`https://coach.example/checkout/test/${first.id}`);
    expect(first.expiresAt).toEqual(input.expiresAt);
    expect((await provider.createCheckout(input)).id).toBe(first.id);
    expect((await provider.createCheckout({ ...input, idempotencyKey: "checkout-order_2" })).id).not.toBe(first.id);
  });

  it("refunds at once, idempotently", async () => {
    const refund = await provider.refund({ refundId: "r_r1", paymentIntentId: "test_pi_1", amountCents: 2500, idempotencyKey: "refund-r1" });
    expect(refund).toEqual({ id: expect.stringMatching(/^test_re_[0-9a-f]+$/), status: "succeeded", amountCents: 2500 });
    expect((await provider.refund({ refundId: "r_r1", paymentIntentId: "test_pi_1", amountCents: 2500, idempotencyKey: "refund-r1" })).id).toBe(refund.id);
    expect((await provider.refund({ refundId: "r_r2", paymentIntentId: "test_pi_1", amountCents: 2500, idempotencyKey: "refund-r2" })).id).not.toBe(refund.id);
  });

  const future = new Date(Date.now() + 3_600_000);
  const past = new Date(Date.now() - 1_000);
  const row = (checkoutId: string, status: string, checkoutExpiresAt: Date | null = future, paymentIntentId: string | null = null): OrderRow => ({
    id: `order_${checkoutId}`,
    status,
    totalCents: 9500,
    currency: "GBP",
    paymentIntentId,
    checkoutExpiresAt,
    checkoutId,
  });
  const withOrders = createTestProvider({
    db: fakeDb([row("pending", "PENDING"), row("lapsed", "PENDING", past), row("paid", "PAID", future, "test_pi_9"), row("refunded", "REFUNDED"), row("cancelled", "CANCELLED"), row("expired", "EXPIRED")]),
    appUrl: "https://coach.example",
  });

  it.each([
    ["pending", "open", "unpaid"],
    ["lapsed", "expired", "unpaid"],
    ["paid", "complete", "paid"],
    ["refunded", "complete", "paid"],
    ["cancelled", "expired", "unpaid"],
    ["expired", "expired", "unpaid"],
  ])("reads a %s order as %s/%s", async (checkoutId, status, paymentStatus) => {
    expect(await withOrders.getCheckout(checkoutId)).toMatchObject({ id: checkoutId, orderId: `order_${checkoutId}`, status, paymentStatus, amountTotalCents: 9500, currency: "GBP" });
  });

  it("expiring reports a paid checkout as paid and anything else as expired", async () => {
    expect(await withOrders.expireCheckout("paid")).toMatchObject({ status: "complete", paymentStatus: "paid", paymentIntentId: "test_pi_9" });
    expect(await withOrders.expireCheckout("pending")).toMatchObject({ status: "expired", paymentStatus: "unpaid" });
  });

  it("doesn't know checkouts that aren't test-mode orders", async () => {
    await expect(withOrders.getCheckout("cs_test_stripe")).rejects.toThrow(NotFoundError);
  });
});

describe("getPaymentProvider", () => {
  const db = fakeDb([]);
  const key = "sk_test_providerchoice";

  it("uses Stripe when a secret key is set", () => {
    expect(getPaymentProvider({ db, config: parseConfig({ STRIPE_SECRET_KEY: key }) }).name).toBe("STRIPE");
    expect(getPaymentProvider({ db, config: parseConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), STRIPE_SECRET_KEY: key }) }).name).toBe("STRIPE");
  });

  it("falls back to test mode outside production", () => {
    expect(getPaymentProvider({ db, config: parseConfig({}) }).name).toBe("TEST");
    expect(getPaymentProvider({ db, config: parseConfig({ NODE_ENV: "test" }) }).name).toBe("TEST");
  });

  it("refuses paid checkout in production without a key, unless test mode is asked for", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) };
    const refusal = () => getPaymentProvider({ db, config: parseConfig(production) });
    expect(refusal).toThrow(NotAvailableYetError);
    expect(refusal).toThrow(/Nothing has been reserved or charged/);
    expect(getPaymentProvider({ db, config: parseConfig({ ...production, PAYMENTS_TEST_MODE: "1" }) }).name).toBe("TEST");
  });

  it("gives an existing order its own provider", () => {
    expect(getPaymentProvider({ db, name: "TEST", config: parseConfig({ STRIPE_SECRET_KEY: key }) }).name).toBe("TEST");
    expect(() => getPaymentProvider({ db, name: "STRIPE", config: parseConfig({}) })).toThrow(NotAvailableYetError);
  });
});
