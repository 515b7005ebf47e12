import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ProviderRejectedError } from "@/lib/errors";
import { openCheckout } from "@/lib/payments/open-checkout";
import { parseStripeWebhook } from "@/lib/payments/parse-stripe-webhook";
import type { CreateCheckoutInput, PaymentEvent, PaymentProvider } from "@/lib/payments/provider";
import { createStripeProvider } from "@/lib/payments/stripe-provider";
import { startFakeStripe, type FakeStripe } from "../helpers/fake-stripe";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The Stripe provider through the official SDK against the fake Stripe API at the HTTP boundary:
// what it sends (form-encoded params, idempotency keys) and how it reads the answers.

let fake: FakeStripe;
let provider: PaymentProvider;
let receiver: Server;
const received: { status: number; event?: PaymentEvent; error?: string }[] = [];

beforeAll(async () => {
  // A stand-in for our webhook endpoint: verifies each delivery with the real parser.
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      try {
        const event = parseStripeWebhook({ rawBody: body, signature: (request.headers["stripe-signature"] as string) ?? null, secret: fake.webhookSecret });
        received.push({ status: 200, event });
        response.writeHead(200).end("{}");
      } catch (error) {
        received.push({ status: 400, error: String(error) });
        response.writeHead(400).end("{}");
      }
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  fake = await startFakeStripe({ webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/stripe/webhook` });
  provider = createStripeProvider({ secretKey: "sk_test_fake", apiUrl: fake.url });
});

afterAll(async () => {
  await fake?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

let counter = 0;
function checkoutInput(overrides: Partial<CreateCheckoutInput> = {}): CreateCheckoutInput {
  counter += 1;
  const orderId = `order_${counter}_${Date.now()}`;
  return {
    orderId,
    email: "sam@example.com",
    currency: "GBP",
    lineItems: [
      { name: "Clarity session (50 min)", unitAmountCents: 9500, quantity: 1 },
      { name: "Workbook", unitAmountCents: 1250, quantity: 2 },
    ],
    successUrl: "https://coach.example/checkout/complete?session_id={CHECKOUT_SESSION_ID}",
    cancelUrl: "https://coach.example/checkout/cancelled?session_id={CHECKOUT_SESSION_ID}",
    expiresAt: new Date(Date.now() + 45 * 60_000),
    idempotencyKey: `checkout-${orderId}`,
    ...overrides,
  };
}

describe("Stripe provider against the fake Stripe API", () => {
  it("creates a payment-mode Checkout Session priced from our amounts, once per idempotency key", async () => {
    const input = checkoutInput();
    const before = fake.sessions.size;
    const first = await provider.createCheckout(input);
    const again = await provider.createCheckout(input);

    expect(again).toEqual(first);
    expect(fake.sessions.size).toBe(before + 1);
    expect(first.url).toBe(`${fake.url}/checkout/${first.id}`);
    expect(Math.abs(first.expiresAt.getTime() - input.expiresAt.getTime())).toBeLessThan(1_000);

    const creates = fake.requests.filter((request) => request.path === "/v1/checkout/sessions" && request.idempotencyKey === input.idempotencyKey);
    expect(creates.map((request) => request.replayed)).toEqual([false, true]);
    expect(creates[0].params).toMatchObject({
      mode: "payment",
      client_reference_id: input.orderId,
      metadata: { orderId: input.orderId },
      customer_email: "sam@example.com",
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      expires_at: String(Math.floor(input.expiresAt.getTime() / 1000)),
      line_items: [
        { quantity: "1", price_data: { currency: "gbp", unit_amount: "9500", product_data: { name: "Clarity session (50 min)" } } },
        { quantity: "2", price_data: { currency: "gbp", unit_amount: "1250", product_data: { name: "Workbook" } } },
      ],
    });
    expect(fake.sessions.get(first.id)?.amount_total).toBe(9500 + 2 * 1250);
  });

  it("opens a second session for a different key", async () => {
    const one = await provider.createCheckout(checkoutInput());
    const two = await provider.createCheckout(checkoutInput());
    expect(two.id).not.toBe(one.id);
  });

  it("nudges an expiry inside Stripe's 30 minutes to 24 hours instead of failing", async () => {
    const soon = await provider.createCheckout(checkoutInput({ expiresAt: new Date(Date.now() + 10 * 60_000) }));
    expect(soon.expiresAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 30 * 60_000);
  });

  it("reads an open session, then the paid one", async () => {
    const input = checkoutInput();
    const checkout = await provider.createCheckout(input);
    expect(await provider.getCheckout(checkout.id)).toEqual({
      id: checkout.id,
      orderId: input.orderId,
      status: "open",
      paymentStatus: "unpaid",
      paymentIntentId: null,
      amountTotalCents: 12000,
      currency: "GBP",
    });

    const event = fake.complete(checkout.id);
    const state = await provider.getCheckout(checkout.id);
    expect(state).toMatchObject({ status: "complete", paymentStatus: "paid", orderId: input.orderId });
    expect(state.paymentIntentId).toMatch(/^pi_/);
    expect((event.data.object as { payment_intent: string }).payment_intent).toBe(state.paymentIntentId);
  });

  it("says checkout_not_found for an unknown session", async () => {
    const error = await provider.getCheckout("cs_test_unknown").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe("checkout_not_found");
  });

  it("expires an open session, and reports a paid one as paid instead of failing", async () => {
    const open = await provider.createCheckout(checkoutInput());
    expect(await provider.expireCheckout(open.id)).toMatchObject({ id: open.id, status: "expired", paymentStatus: "unpaid" });
    expect(fake.sessions.get(open.id)?.status).toBe("expired");
    // Expiring twice is an answer too: it stays expired.
    expect(await provider.expireCheckout(open.id)).toMatchObject({ status: "expired" });

    const paid = await provider.createCheckout(checkoutInput());
    fake.complete(paid.id);
    expect(await provider.expireCheckout(paid.id)).toMatchObject({ id: paid.id, status: "complete", paymentStatus: "paid" });
    expect(fake.sessions.get(paid.id)?.status).toBe("complete");
  });

  it("refunds once per idempotency key, partly and then the rest", async () => {
    const checkout = await provider.createCheckout(checkoutInput());
    fake.complete(checkout.id);
    const { paymentIntentId } = await provider.getCheckout(checkout.id);
    if (!paymentIntentId) throw new Error("the paid session has no payment intent");

    const first = await provider.refund({ refundId: "r_a", paymentIntentId, amountCents: 3000, idempotencyKey: "refund-a", reason: "Coach goodwill" });
    const repeat = await provider.refund({ refundId: "r_a", paymentIntentId, amountCents: 3000, idempotencyKey: "refund-a", reason: "Coach goodwill" });
    expect(first).toEqual({ id: expect.stringMatching(/^re_/), status: "succeeded", amountCents: 3000 });
    expect(repeat.id).toBe(first.id);
    expect(fake.charges.get(paymentIntentId)?.amount_refunded).toBe(3000);
    expect(fake.requests.find((request) => request.path === "/v1/refunds" && request.idempotencyKey === "refund-a")?.params).toMatchObject({
      payment_intent: paymentIntentId,
      amount: "3000",
      metadata: { refundId: "r_a", reason: "Coach goodwill" },
    });

    await provider.refund({ refundId: "r_b", paymentIntentId, amountCents: 9000, idempotencyKey: "refund-b" });
    expect(fake.charges.get(paymentIntentId)).toMatchObject({ amount_refunded: 12000, refunded: true });
  });

  it("turns Stripe's clear refusals into ProviderRejectedError (not worth retrying)", async () => {
    const checkout = await provider.createCheckout(checkoutInput());
    fake.complete(checkout.id);
    const { paymentIntentId } = await provider.getCheckout(checkout.id);
    const tooMuch = await provider.refund({ refundId: "r_too-much", paymentIntentId: paymentIntentId!, amountCents: 999_999, idempotencyKey: "refund-too-much" }).catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(ProviderRejectedError);
    expect((tooMuch as ProviderRejectedError).code).toBe("amount_too_large");
    const unknown = await provider.refund({ refundId: "r_unknown", paymentIntentId: "pi_unknown", amountCents: 100, idempotencyKey: "refund-unknown" }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ProviderRejectedError);
  });

  it("retries a failing Stripe with the same idempotency key, so one refund is made", async () => {
    const checkout = await provider.createCheckout(checkoutInput());
    fake.complete(checkout.id);
    const { paymentIntentId } = await provider.getCheckout(checkout.id);
    fake.failNext({ pathPrefix: "/v1/refunds", times: 1, status: 500 });
    const refund = await provider.refund({ refundId: "r_retried", paymentIntentId: paymentIntentId!, amountCents: 500, idempotencyKey: "refund-retried" });
    const attempts = fake.requests.filter((request) => request.idempotencyKey === "refund-retried");
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
    expect(refund.status).toBe("succeeded");
    expect(fake.refunds.filter((made) => made.payment_intent === paymentIntentId)).toHaveLength(1);
  });

  it("reads what a payment has refunded as Stripe holds it now: a failed refund no longer counts", async () => {
    const checkout = await provider.createCheckout(checkoutInput());
    expect(await provider.getCheckout(checkout.id)).toMatchObject({ paymentIntentId: null });
    fake.complete(checkout.id, { paymentStatus: "unpaid" });
    const { paymentIntentId } = await provider.getCheckout(checkout.id);
    // Completed but not yet paid (a bank transfer): no charge, nothing refunded.
    expect(await provider.refundedAmount({ paymentIntentId: paymentIntentId! })).toBe(0);
    fake.asyncPayment(checkout.id, "succeeded");
    await provider.refund({ refundId: "r_read", paymentIntentId: paymentIntentId!, amountCents: 2500, idempotencyKey: "refund-read" });
    fake.refundFromDashboard(paymentIntentId!, 1000);
    expect(await provider.refundedAmount({ paymentIntentId: paymentIntentId! })).toBe(3500);
    fake.failRefund(fake.refunds.find((made) => made.metadata.refundId === "r_read")!.id);
    expect(await provider.refundedAmount({ paymentIntentId: paymentIntentId! })).toBe(1000);
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: `/v1/payment_intents/${paymentIntentId}`, params: { expand: ["latest_charge"] }, status: 200 });
    await expect(provider.refundedAmount({ paymentIntentId: "pi_unknown" })).rejects.toThrow(/No such payment_intent/);
  });

  it("passes on errors that are worth retrying", async () => {
    fake.failNext({ pathPrefix: "/v1/refunds", times: 3, status: 503 });
    const error = await provider.refund({ refundId: "r_down", paymentIntentId: "pi_whatever", amountCents: 100, idempotencyKey: "refund-down" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ProviderRejectedError);
  });
});

describe("the fake's hosted checkout page and webhooks", () => {
  it("shows a Pay button; paying sends a signed checkout.session.completed and redirects to the success page", async () => {
    const input = checkoutInput();
    const checkout = await provider.createCheckout(input);
    const page = await fetch(checkout.url);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toMatch(/<button type="submit">Pay<\/button>/);
    expect(html).toContain(`href="https://coach.example/checkout/cancelled?session_id=${checkout.id}"`);
    expect(html).toContain("£120.00");

    const before = received.length;
    const paid = await fetch(checkout.url, { method: "POST", body: "action=pay", headers: { "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`https://coach.example/checkout/complete?session_id=${checkout.id}`);
    expect(received.slice(before)).toEqual([
      {
        status: 200,
        event: expect.objectContaining({ type: "checkout.completed", checkout: expect.objectContaining({ id: checkout.id, orderId: input.orderId, paymentStatus: "paid" }) }),
      },
    ]);
  });

  it("builds Stripe-shaped events and signs them so our parser reads them", async () => {
    const input = checkoutInput();
    const checkout = await provider.createCheckout(input);
    const completed = fake.complete(checkout.id, { paymentStatus: "unpaid" });
    expect(completed).toMatchObject({ id: expect.stringMatching(/^evt_/), object: "event", type: "checkout.session.completed" });
    expect(completed.data.object).toMatchObject({ object: "checkout.session", id: checkout.id, client_reference_id: input.orderId, payment_status: "unpaid", status: "complete" });

    const succeeded = fake.asyncPayment(checkout.id, "succeeded");
    const { payload, signature } = fake.signEvent(succeeded);
    expect(parseStripeWebhook({ rawBody: payload, signature, secret: fake.webhookSecret })).toMatchObject({ type: "checkout.async_payment_succeeded", checkout: { paymentStatus: "paid" } });

    const pi = (succeeded.data.object as { payment_intent: string }).payment_intent;
    const refunded = fake.refundFromDashboard(pi, 2000);
    expect(refunded.data.object).toMatchObject({ object: "charge", payment_intent: pi, amount_refunded: 2000, currency: "gbp" });
    const delivery = await fake.sendWebhook(refunded);
    expect(delivery.status).toBe(200);
    expect(received.at(-1)?.event).toEqual({ eventId: refunded.id, type: "charge.refunded", paymentIntentId: pi });

    const forged = await fake.sendWebhook(refunded, { secret: "whsec_not_ours" });
    expect(forged.status).toBe(400);
  });
});

describe("openCheckout with the Stripe provider", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function pendingOrder(totalCents = 9500) {
    return database.db.order.create({
      data: { email: "sam@example.com", currency: "GBP", subtotalCents: totalCents, totalCents, provider: "STRIPE" },
      select: { id: true },
    });
  }

  const urls = {
    successUrl: "https://coach.example/checkout/complete?session_id={CHECKOUT_SESSION_ID}",
    cancelUrl: "https://coach.example/checkout/cancelled?session_id={CHECKOUT_SESSION_ID}",
  };

  it("stores the session on the order; opening again returns the same one without a second session", async () => {
    const order = await pendingOrder();
    const options = { db: database.db, provider, orderId: order.id, lineItems: [{ name: "Clarity session", unitAmountCents: 9500, quantity: 1 }], expiresAt: new Date(Date.now() + 40 * 60_000), ...urls };
    const before = fake.sessions.size;
    const opened = await openCheckout(options);
    const again = await openCheckout(options);

    expect(again).toEqual(opened);
    expect(fake.sessions.size).toBe(before + 1);
    const session = fake.sessions.get(opened.checkoutId);
    expect(session).toMatchObject({ client_reference_id: order.id, customer_email: "sam@example.com", currency: "gbp", amount_total: 9500 });
    expect(await database.db.order.findUniqueOrThrow({ where: { id: order.id }, select: { checkoutId: true, checkoutUrl: true, checkoutExpiresAt: true } })).toEqual({
      checkoutId: opened.checkoutId,
      checkoutUrl: opened.checkoutUrl,
      checkoutExpiresAt: opened.expiresAt,
    });
  });

  it("never asks for an amount other than the order's total", async () => {
    const order = await pendingOrder(9500);
    const attempt = openCheckout({ db: database.db, provider, orderId: order.id, lineItems: [{ name: "Clarity session", unitAmountCents: 100, quantity: 1 }], expiresAt: new Date(Date.now() + 40 * 60_000), ...urls });
    await expect(attempt).rejects.toThrow(/add up to 100, the order total is 9500/);
  });

  it("refuses an order that is no longer waiting for payment", async () => {
    const order = await pendingOrder();
    await database.db.order.update({ where: { id: order.id }, data: { status: "CANCELLED" } });
    const attempt = openCheckout({ db: database.db, provider, orderId: order.id, lineItems: [{ name: "Clarity session", unitAmountCents: 9500, quantity: 1 }], expiresAt: new Date(Date.now() + 40 * 60_000), ...urls });
    await expect(attempt).rejects.toThrow(ConflictError);
  });
});
