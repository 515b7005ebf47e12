import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { AppError, InvalidInputError } from "@/lib/errors";
import { parseStripeWebhook } from "@/lib/payments/parse-stripe-webhook";

const secret = "whsec_unit_test_secret";
const signer = new Stripe("sk_test_unit");

function session(overrides: Record<string, unknown> = {}) {
  return {
    id: "cs_test_abc",
    object: "checkout.session",
    mode: "payment",
    client_reference_id: "order_1",
    metadata: { orderId: "order_1" },
    payment_status: "paid",
    status: "complete",
    payment_intent: "pi_123",
    amount_total: 9500,
    currency: "gbp",
    customer_email: "sam@example.com",
    expires_at: 1_900_000_000,
    ...overrides,
  };
}

function event(type: string, object: Record<string, unknown>, id = `evt_${type.replace(/\W/g, "_")}`) {
  return { id, object: "event", api_version: "2026-10-28.endive", created: 1_800_000_000, livemode: false, type, data: { object } };
}

function signed(payload: unknown, options: { secret?: string; timestamp?: number } = {}) {
  const rawBody = typeof payload === "string" ? payload : JSON.stringify(payload);
  const signature = signer.webhooks.generateTestHeaderString({ payload: rawBody, secret: options.secret ?? secret, timestamp: options.timestamp });
  return { rawBody, signature };
}

function parse(payload: unknown, options: { secret?: string; timestamp?: number } = {}) {
  return parseStripeWebhook({ ...signed(payload, options), secret });
}

function rejection(attempt: () => unknown): AppError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the webhook to be refused");
}

describe("parseStripeWebhook: checkout events", () => {
  it.each([
    ["checkout.session.completed", "checkout.completed"],
    ["checkout.session.async_payment_succeeded", "checkout.async_payment_succeeded"],
    ["checkout.session.async_payment_failed", "checkout.async_payment_failed"],
    ["checkout.session.expired", "checkout.expired"],
  ])("maps %s to %s with the session's state", (stripeType, ourType) => {
    const status = stripeType.endsWith("expired") ? "expired" : "complete";
    const paymentStatus = stripeType.endsWith("completed") || stripeType.endsWith("succeeded") ? "paid" : "unpaid";
    const result = parse(event(stripeType, session({ status, payment_status: paymentStatus, id: `cs_${stripeType}` }), "evt_42"));
    expect(result).toEqual({
      eventId: "evt_42",
      type: ourType,
      checkout: {
        id: `cs_${stripeType}`,
        orderId: "order_1",
        status,
        paymentStatus,
        paymentIntentId: "pi_123",
        amountTotalCents: 9500,
        currency: "GBP",
      },
    });
  });

  it("finds the order in metadata when client_reference_id is missing, and reads an expanded payment intent", () => {
    const result = parse(event("checkout.session.completed", session({ client_reference_id: null, metadata: { orderId: "order_9" }, payment_intent: { id: "pi_expanded", object: "payment_intent" } })));
    expect(result.type).toBe("checkout.completed");
    if (result.type !== "checkout.completed") return;
    expect(result.checkout.orderId).toBe("order_9");
    expect(result.checkout.paymentIntentId).toBe("pi_expanded");
  });

  it("keeps a completed-but-unpaid session (an async method still settling) as unpaid", () => {
    const result = parse(event("checkout.session.completed", session({ payment_status: "unpaid", payment_intent: null })));
    expect(result).toMatchObject({ type: "checkout.completed", checkout: { status: "complete", paymentStatus: "unpaid", paymentIntentId: null } });
  });
});

describe("parseStripeWebhook: refunds and other types", () => {
  it("maps charge.refunded to its payment only: the event's total is a snapshot, read again from Stripe when applied", () => {
    const charge = { id: "ch_1", object: "charge", amount: 9500, amount_refunded: 3000, currency: "gbp", payment_intent: "pi_123", refunded: false };
    expect(parse(event("charge.refunded", charge, "evt_refund"))).toEqual({ eventId: "evt_refund", type: "charge.refunded", paymentIntentId: "pi_123" });
  });

  it("ignores a refunded charge that has no payment intent (not from Checkout)", () => {
    const charge = { id: "ch_2", object: "charge", amount: 500, amount_refunded: 500, currency: "gbp", payment_intent: null };
    expect(parse(event("charge.refunded", charge, "evt_other"))).toEqual({ eventId: "evt_other", type: "ignored", providerType: "charge.refunded" });
  });

  function refund(overrides: Record<string, unknown> = {}) {
    return { id: "re_1", object: "refund", amount: 2500, currency: "gbp", payment_intent: "pi_123", charge: "ch_1", status: "succeeded", failure_reason: null, metadata: {}, ...overrides };
  }

  it.each(["refund.created", "refund.updated", "refund.failed", "charge.refund.updated"])("maps %s to the one refund it is about", (type) => {
    expect(parse(event(type, refund({ status: "failed", failure_reason: "expired_or_canceled_card", metadata: { refundId: "our_refund_7", reason: "Late start" } }), "evt_re"))).toEqual({
      eventId: "evt_re",
      type: "refund.updated",
      refund: { id: "re_1", paymentIntentId: "pi_123", amountCents: 2500, currency: "GBP", status: "failed", failureReason: "expired_or_canceled_card", ourRefundId: "our_refund_7" },
    });
  });

  it("reads a refund's status as far as the money goes: canceled is failed, requires_action is still pending", () => {
    const statusOf = (status: string | null) => {
      const result = parse(event("refund.updated", refund({ status })));
      return result.type === "refund.updated" ? result.refund.status : result.type;
    };
    expect([statusOf("succeeded"), statusOf("pending"), statusOf("requires_action"), statusOf(null), statusOf("failed"), statusOf("canceled")]).toEqual([
      "succeeded",
      "pending",
      "pending",
      "pending",
      "failed",
      "failed",
    ]);
  });

  it("reads a refund made in the dashboard (no refund id of ours) with an expanded payment intent", () => {
    const result = parse(event("refund.created", refund({ payment_intent: { id: "pi_expanded", object: "payment_intent" }, metadata: null })));
    expect(result).toMatchObject({ type: "refund.updated", refund: { id: "re_1", paymentIntentId: "pi_expanded", status: "succeeded", failureReason: null, ourRefundId: null } });
  });

  it("ignores a refund without a payment intent (not from Checkout) and refuses a refund event that carries no refund", () => {
    expect(parse(event("refund.failed", refund({ payment_intent: null }), "evt_bare"))).toEqual({ eventId: "evt_bare", type: "ignored", providerType: "refund.failed" });
    expect(rejection(() => parse(event("refund.failed", { id: "ch_1", object: "charge", amount: 100, currency: "gbp" }))).code).toBe("invalid_payload");
  });

  it("acknowledges types it doesn't act on as ignored", () => {
    expect(parse(event("customer.created", { id: "cus_1", object: "customer" }, "evt_cus"))).toEqual({
      eventId: "evt_cus",
      type: "ignored",
      providerType: "customer.created",
    });
  });
});

describe("parseStripeWebhook: refusals", () => {
  const good = event("checkout.session.completed", session());

  it("refuses a signature made with another secret", () => {
    const error = rejection(() => parse(good, { secret: "whsec_someone_else" }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.code).toBe("invalid_signature");
    expect(error.status).toBe(400);
  });

  it("refuses a body changed after signing", () => {
    const { rawBody, signature } = signed(good);
    const tampered = rawBody.replace('"amount_total":9500', '"amount_total":1');
    expect(tampered).not.toBe(rawBody);
    expect(rejection(() => parseStripeWebhook({ rawBody: tampered, signature, secret })).code).toBe("invalid_signature");
    // The untouched body with the same header is accepted, so the refusal above is about the change.
    expect(parseStripeWebhook({ rawBody, signature, secret }).type).toBe("checkout.completed");
  });

  it("refuses a missing or malformed Stripe-Signature header", () => {
    const { rawBody } = signed(good);
    expect(rejection(() => parseStripeWebhook({ rawBody, signature: null, secret })).code).toBe("invalid_signature");
    expect(rejection(() => parseStripeWebhook({ rawBody, signature: "t=1,v1=nothex", secret })).code).toBe("invalid_signature");
  });

  it("refuses a replay of an old signature", () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect(rejection(() => parse(good, { timestamp: tenMinutesAgo })).code).toBe("invalid_signature");
  });

  it("refuses a correctly signed body that isn't an event", () => {
    expect(rejection(() => parse("not json")).code).toBe("invalid_payload");
    expect(rejection(() => parse(event("checkout.session.completed", { id: "ch_1", object: "charge" }))).code).toBe("invalid_payload");
  });
});
