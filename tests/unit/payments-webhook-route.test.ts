import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PaymentEvent } from "@/lib/payments/provider";

// The route's own job: read the raw body, verify, hand over, answer. processPaymentEvent (the
// exactly-once part) has its own tests against PostgreSQL; here it is replaced by a recorder.
const processed: PaymentEvent[] = [];
let nextOutcome: "applied" | "duplicate" | "ignored" | Error = "applied";
vi.mock("@/lib/payments/process-payment-event", () => ({
  processPaymentEvent: vi.fn(async ({ event }: { event: PaymentEvent }) => {
    if (nextOutcome instanceof Error) throw nextOutcome;
    processed.push(event);
    return { outcome: nextOutcome };
  }),
}));
vi.mock("@/lib/db/client", () => ({ getDb: () => ({}) }));

const secret = "whsec_route_test";
const signer = new Stripe("sk_test_route");

async function loadRoute(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return import("@/app/api/stripe/webhook/route");
}

function completedEvent(id = "evt_route_1") {
  return JSON.stringify({
    id,
    object: "event",
    type: "checkout.session.completed",
    data: { object: { id: "cs_test_1", object: "checkout.session", client_reference_id: "order_1", metadata: {}, status: "complete", payment_status: "paid", payment_intent: "pi_1", amount_total: 9500, currency: "gbp" } },
  });
}

function delivery(body: string, signature: string | null) {
  return new Request("http://localhost/api/stripe/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
    body,
  });
}

const sign = (body: string, withSecret = secret) => signer.webhooks.generateTestHeaderString({ payload: body, secret: withSecret });

describe("POST /api/stripe/webhook", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    processed.length = 0;
    nextOutcome = "applied";
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterEach(() => {
    process.env = { ...saved };
    vi.restoreAllMocks();
  });

  it("fails closed without STRIPE_WEBHOOK_SECRET: 500 webhook_not_configured, nothing handed over", async () => {
    const { POST } = await loadRoute({ STRIPE_WEBHOOK_SECRET: undefined, STRIPE_SECRET_KEY: "sk_test_route" });
    const body = completedEvent();
    const response = await POST(delivery(body, sign(body)));
    expect(response.status).toBe(500);
    expect((await response.json()).error.code).toBe("webhook_not_configured");
    expect(processed).toHaveLength(0);
    expect(console.error).toHaveBeenCalledTimes(1);
  });

  it("answers a bad signature with 400 and hands nothing over", async () => {
    const { POST } = await loadRoute({ STRIPE_WEBHOOK_SECRET: secret, STRIPE_SECRET_KEY: "sk_test_route" });
    const body = completedEvent();
    const wrong = await POST(delivery(body, sign(body, "whsec_other")));
    const missing = await POST(delivery(body, null));
    const tampered = await POST(delivery(body.replace("9500", "1"), sign(body)));
    for (const response of [wrong, missing, tampered]) {
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe("invalid_signature");
    }
    expect(processed).toHaveLength(0);
  });

  it("verifies the exact bytes received and passes the normalised event on", async () => {
    const { POST } = await loadRoute({ STRIPE_WEBHOOK_SECRET: secret, STRIPE_SECRET_KEY: "sk_test_route" });
    // Pretty-printed, as Stripe sends it: re-serialising would change the bytes and break the signature.
    const body = JSON.stringify(JSON.parse(completedEvent("evt_pretty")), null, 2);
    const response = await POST(delivery(body, sign(body)));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: "applied" });
    expect(processed).toEqual([expect.objectContaining({ eventId: "evt_pretty", type: "checkout.completed" })]);
  });

  it.each(["duplicate", "ignored"] as const)("answers a %s event with 200", async (outcome) => {
    const { POST } = await loadRoute({ STRIPE_WEBHOOK_SECRET: secret, STRIPE_SECRET_KEY: "sk_test_route" });
    nextOutcome = outcome;
    const body = JSON.stringify({ id: "evt_x", object: "event", type: "customer.created", data: { object: { id: "cus_1", object: "customer" } } });
    const response = await POST(delivery(body, sign(body)));
    expect(response.status).toBe(200);
    expect((await response.json()).outcome).toBe(outcome);
  });

  it("answers 500 when applying fails, so Stripe delivers again later", async () => {
    const { POST } = await loadRoute({ STRIPE_WEBHOOK_SECRET: secret, STRIPE_SECRET_KEY: "sk_test_route" });
    nextOutcome = new Error("database unavailable");
    const body = completedEvent();
    const response = await POST(delivery(body, sign(body)));
    expect(response.status).toBe(500);
    expect((await response.json()).error.code).toBe("internal_error");
  });

  it("refuses an oversized body before reading it as an event", async () => {
    const { POST } = await loadRoute({ STRIPE_WEBHOOK_SECRET: secret, STRIPE_SECRET_KEY: "sk_test_route" });
    const body = JSON.stringify({ id: "evt_big", padding: "x".repeat(600 * 1024) });
    const response = await POST(delivery(body, sign(body)));
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
    expect(processed).toHaveLength(0);
  });

  it("stops reading a chunked body without Content-Length once it passes 512 KB", async () => {
    const { POST } = await loadRoute({ STRIPE_WEBHOOK_SECRET: secret, STRIPE_SECRET_KEY: "sk_test_route" });
    // 4 MB offered in 16 KB chunks, pulled only when read: the route may take a little over 512 KB.
    let pulled = 0;
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled += 1;
          if (pulled > 256) controller.close();
          else controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request("http://localhost/api/stripe/webhook", { method: "POST", headers: { "stripe-signature": "t=1,v1=0" }, body, duplex: "half" } as RequestInit);
    const response = await POST(request);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "payload_too_large", message: expect.stringContaining("512 KB"), maxBytes: 512 * 1024 } });
    expect(pulled).toBeLessThanOrEqual(34);
    expect(processed).toHaveLength(0);
  });
});
