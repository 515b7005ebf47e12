import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

// A small fake of the Stripe API for tests, at the HTTP boundary: the real SDK is pointed at it by
// host/port/protocol, so request encoding, headers, idempotency keys and error handling are the SDK's
// own. It speaks only the subset the payments code uses:
//   POST /v1/checkout/sessions (with `discounts: [{ coupon }]`), GET /v1/checkout/sessions/:id,
//   POST /v1/checkout/sessions/:id/expire, POST /v1/refunds, POST /v1/coupons (amount_off, once),
//   GET /v1/payment_intents/:id (`expand[]=latest_charge`)
// plus a hosted checkout page (GET/POST /checkout/:id) for end-to-end tests, and helpers that move a
// session on (complete, expire, async results, dashboard refunds, a refund failing later) and
// deliver signed webhooks.
//
// Example:
//   const fake = await startFakeStripe({ webhookUrl: `${appUrl}/api/stripe/webhook` });
//   const stripe = new Stripe("sk_test_fake", { host: "127.0.0.1", port: fake.port, protocol: "http" });
//   // …code under test creates a session…
//   const event = fake.complete(sessionId);
//   const delivery = await fake.sendWebhook(event); // { status, body }

export const FAKE_STRIPE_WEBHOOK_SECRET = "whsec_fakestripe_test_secret";

/** Stripe's own shape for the fields our code reads; anything else the SDK sends is kept under `raw`. */
export type FakeCheckoutSession = {
  id: string;
  object: "checkout.session";
  mode: "payment";
  status: "open" | "complete" | "expired";
  payment_status: "paid" | "unpaid" | "no_payment_required";
  client_reference_id: string | null;
  metadata: Record<string, string>;
  customer_email: string | null;
  customer_details: { email: string | null } | null;
  currency: string;
  amount_subtotal: number;
  amount_total: number;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  discounts: Array<{ coupon: string }>;
  payment_intent: string | null;
  success_url: string | null;
  cancel_url: string | null;
  expires_at: number;
  created: number;
  livemode: false;
  url: string | null;
  line_items_input: { name: string; unit_amount: number; quantity: number; currency: string }[];
};

export type FakeCoupon = {
  id: string;
  object: "coupon";
  amount_off: number | null;
  percent_off: number | null;
  currency: string | null;
  duration: "once" | "forever" | "repeating";
  max_redemptions: number | null;
  times_redeemed: number;
  name: string | null;
  metadata: Record<string, string>;
  valid: boolean;
  created: number;
  livemode: false;
};

export type FakeCharge = {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  payment_intent: string;
  refunded: boolean;
  status: "succeeded";
  created: number;
  livemode: false;
};

export type FakeRefund = {
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  currency: string;
  payment_intent: string;
  status: "succeeded" | "pending" | "failed";
  failure_reason: string | null;
  reason: string | null;
  metadata: Record<string, string>;
  created: number;
};

export type FakeStripeEvent = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
  data: { object: Record<string, unknown> };
};

export type FakeRequestLogEntry = {
  method: string;
  path: string;
  /** The form body, decoded into nested objects/arrays the way Stripe reads it. */
  params: Record<string, unknown>;
  idempotencyKey: string | null;
  /** True when the response was replayed from an earlier request with the same key. */
  replayed: boolean;
  status: number;
};

export type FakeWebhookDelivery = { eventId: string; type: string; status: number; body: string };

export type StartFakeStripeOptions = {
  /** Where signed webhooks go (sendWebhook and the hosted page's Pay button). Can be set later with configureWebhook. */
  webhookUrl?: string;
  /** Signing secret; defaults to FAKE_STRIPE_WEBHOOK_SECRET. */
  webhookSecret?: string;
};

type FailureRule = { method?: string; pathPrefix?: string; times: number; status: number };

type StoredResponse = { fingerprint: string; status: number; body: unknown };

const API_VERSION = "2026-10-28.endive";

function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Decodes Stripe's form encoding (`line_items[0][price_data][unit_amount]=9500`) into nested values.
 * Objects whose keys are all indexes become arrays, as Stripe reads them.
 */
function decodeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const head = key.split("[")[0];
    const path = [head, ...Array.from(key.matchAll(/\[([^\]]*)\]/g), (match) => match[1])];
    let cursor: Record<string, unknown> = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) {
        cursor[segment] = value;
        return;
      }
      const next = cursor[segment];
      if (typeof next !== "object" || next === null) cursor[segment] = {};
      cursor = cursor[segment] as Record<string, unknown>;
    });
  }
  return arrayify(root) as Record<string, unknown>;
}

function arrayify(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, arrayify(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: "invalid_request_error" | "idempotency_error" | "api_error",
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function formatAmount(cents: number, currency: string): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** Starts the fake on a free port of 127.0.0.1. Close it in afterAll. */
export async function startFakeStripe(options: StartFakeStripeOptions = {}) {
  const webhook = { url: options.webhookUrl, secret: options.webhookSecret ?? FAKE_STRIPE_WEBHOOK_SECRET };
  const sessions = new Map<string, FakeCheckoutSession>();
  const charges = new Map<string, FakeCharge>(); // by payment intent id: one charge per payment here
  const coupons = new Map<string, FakeCoupon>();
  const refunds: FakeRefund[] = [];
  const events: FakeStripeEvent[] = [];
  const requests: FakeRequestLogEntry[] = [];
  const webhookDeliveries: FakeWebhookDelivery[] = [];
  const idempotency = new Map<string, StoredResponse>();
  const failures: FailureRule[] = [];
  // What new refunds report: "pending" is Stripe's answer when the refund is accepted but not yet done.
  let newRefundStatus: "succeeded" | "pending" = "succeeded";
  const signer = new Stripe("sk_test_fake_signer");
  let base = "";

  function buildEvent(type: string, object: Record<string, unknown>): FakeStripeEvent {
    const event: FakeStripeEvent = {
      id: randomId("evt"),
      object: "event",
      api_version: API_VERSION,
      created: nowSeconds(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      // A snapshot, as Stripe's events are: later changes to the session don't show in old events.
      data: { object: structuredClone(object) },
    };
    events.push(event);
    return event;
  }

  function publicSession(session: FakeCheckoutSession): Record<string, unknown> {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { line_items_input, ...rest } = session;
    return structuredClone(rest);
  }

  function requireSession(id: string): FakeCheckoutSession {
    const session = sessions.get(id);
    if (!session) throw new StripeApiError(404, "invalid_request_error", `No such checkout.session: '${id}'`, "resource_missing", "id");
    return session;
  }

  function createSession(params: Record<string, unknown>): FakeCheckoutSession {
    if (params.mode !== "payment") throw new StripeApiError(400, "invalid_request_error", "This fake only supports mode=payment.", "parameter_invalid", "mode");
    const rawItems = params.line_items;
    if (!Array.isArray(rawItems) || rawItems.length === 0) {
      throw new StripeApiError(400, "invalid_request_error", "Missing required param: line_items.", "parameter_missing", "line_items");
    }
    const items = rawItems.map((raw, index) => {
      const item = raw as { quantity?: string; price_data?: { currency?: string; unit_amount?: string; product_data?: { name?: string } } };
      const unitAmount = Number(item.price_data?.unit_amount);
      const quantity = Number(item.quantity);
      const name = item.price_data?.product_data?.name;
      const currency = item.price_data?.currency;
      if (!Number.isInteger(unitAmount) || unitAmount < 0 || !Number.isInteger(quantity) || quantity < 1 || !name || !currency) {
        throw new StripeApiError(400, "invalid_request_error", `Invalid line_items[${index}]: price_data.currency, unit_amount, product_data.name and quantity are required.`, "parameter_invalid", `line_items[${index}]`);
      }
      return { name, unit_amount: unitAmount, quantity, currency: currency.toLowerCase() };
    });
    const currencies = new Set(items.map((item) => item.currency));
    if (currencies.size !== 1) throw new StripeApiError(400, "invalid_request_error", "All line items must share one currency.", "parameter_invalid", "line_items");
    const created = nowSeconds();
    const expiresAt = params.expires_at === undefined ? created + 24 * 3600 : Number(params.expires_at);
    // Stripe's own bounds: 30 minutes to 24 hours after creation.
    if (!Number.isInteger(expiresAt) || expiresAt < created + 30 * 60 - 5 || expiresAt > created + 24 * 3600) {
      throw new StripeApiError(400, "invalid_request_error", "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", "parameter_invalid", "expires_at");
    }
    if (typeof params.success_url !== "string") {
      throw new StripeApiError(400, "invalid_request_error", "Missing required param: success_url.", "parameter_missing", "success_url");
    }
    const id = `cs_test_${randomBytes(16).toString("hex")}`;
    const total = items.reduce((sum, item) => sum + item.unit_amount * item.quantity, 0);
    const discounts = sessionDiscounts(params.discounts, items[0].currency);
    // Stripe takes an amount_off coupon off the subtotal, never below zero.
    const discount = Math.min(total, discounts.reduce((sum, coupon) => sum + (coupon.amount_off ?? 0), 0));
    for (const coupon of discounts) {
      coupon.times_redeemed += 1;
      coupon.valid = coupon.max_redemptions === null || coupon.times_redeemed < coupon.max_redemptions;
    }
    const session: FakeCheckoutSession = {
      id,
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      client_reference_id: typeof params.client_reference_id === "string" ? params.client_reference_id : null,
      metadata: (params.metadata as Record<string, string> | undefined) ?? {},
      customer_email: typeof params.customer_email === "string" ? params.customer_email : null,
      customer_details: null,
      currency: items[0].currency,
      amount_subtotal: total,
      amount_total: total - discount,
      total_details: { amount_discount: discount, amount_shipping: 0, amount_tax: 0 },
      discounts: discounts.map((coupon) => ({ coupon: coupon.id })),
      payment_intent: null,
      success_url: params.success_url,
      cancel_url: typeof params.cancel_url === "string" ? params.cancel_url : null,
      expires_at: expiresAt,
      created,
      livemode: false,
      url: `${base}/checkout/${id}`,
      line_items_input: items,
    };
    sessions.set(id, session);
    return session;
  }

  function createCoupon(params: Record<string, unknown>): FakeCoupon {
    const amountOff = params.amount_off === undefined ? null : Number(params.amount_off);
    const percentOff = params.percent_off === undefined ? null : Number(params.percent_off);
    if (amountOff === null && percentOff === null) {
      throw new StripeApiError(400, "invalid_request_error", "You must pass either amount_off or percent_off.", "parameter_missing", "amount_off");
    }
    if (amountOff !== null && (!Number.isInteger(amountOff) || amountOff < 1)) {
      throw new StripeApiError(400, "invalid_request_error", "Invalid positive integer", "parameter_invalid", "amount_off");
    }
    if (amountOff !== null && typeof params.currency !== "string") {
      throw new StripeApiError(400, "invalid_request_error", "You must pass currency when passing amount_off.", "parameter_missing", "currency");
    }
    const duration = params.duration ?? "once";
    if (duration !== "once" && duration !== "forever" && duration !== "repeating") {
      throw new StripeApiError(400, "invalid_request_error", "Invalid duration.", "parameter_invalid", "duration");
    }
    const coupon: FakeCoupon = {
      id: typeof params.id === "string" ? params.id : randomBytes(4).toString("hex"),
      object: "coupon",
      amount_off: amountOff,
      percent_off: percentOff,
      currency: typeof params.currency === "string" ? params.currency.toLowerCase() : null,
      duration,
      max_redemptions: params.max_redemptions === undefined ? null : Number(params.max_redemptions),
      times_redeemed: 0,
      name: typeof params.name === "string" ? params.name : null,
      metadata: (params.metadata as Record<string, string> | undefined) ?? {},
      valid: true,
      created: nowSeconds(),
      livemode: false,
    };
    coupons.set(coupon.id, coupon);
    return coupon;
  }

  /** The coupons of a session's `discounts`: each must exist, still be valid and (for amount_off) match the currency. */
  function sessionDiscounts(raw: unknown, currency: string): FakeCoupon[] {
    if (raw === undefined) return [];
    if (!Array.isArray(raw) || raw.length > 1) throw new StripeApiError(400, "invalid_request_error", "You may only specify one discount.", "parameter_invalid", "discounts");
    return raw.map((entry, index) => {
      const id = (entry as { coupon?: unknown }).coupon;
      const coupon = typeof id === "string" ? coupons.get(id) : undefined;
      if (!coupon) throw new StripeApiError(400, "invalid_request_error", `No such coupon: '${String(id)}'`, "resource_missing", `discounts[${index}][coupon]`);
      if (!coupon.valid) throw new StripeApiError(400, "invalid_request_error", `Coupon ${coupon.id} is no longer valid.`, "coupon_expired", `discounts[${index}][coupon]`);
      if (coupon.amount_off !== null && coupon.currency !== currency) {
        throw new StripeApiError(400, "invalid_request_error", `The coupon's currency (${coupon.currency}) must match the session's (${currency}).`, "parameter_invalid", `discounts[${index}][coupon]`);
      }
      if (coupon.percent_off !== null) throw new StripeApiError(400, "invalid_request_error", "This fake only supports amount_off coupons.", "parameter_invalid", `discounts[${index}][coupon]`);
      return coupon;
    });
  }

  function expireSessionViaApi(id: string): FakeCheckoutSession {
    const session = requireSession(id);
    if (session.status !== "open") {
      throw new StripeApiError(400, "invalid_request_error", `Only Checkout Sessions with a status of \`open\` can be expired. This Checkout Session has a status of \`${session.status}\`.`, "checkout_session_not_open");
    }
    session.status = "expired";
    session.url = null;
    buildEvent("checkout.session.expired", publicSession(session));
    return session;
  }

  function createRefund(params: Record<string, unknown>, origin: "api" | "dashboard"): FakeRefund {
    const paymentIntent = params.payment_intent;
    if (typeof paymentIntent !== "string") {
      throw new StripeApiError(400, "invalid_request_error", "Missing required param: payment_intent.", "parameter_missing", "payment_intent");
    }
    const charge = charges.get(paymentIntent);
    if (!charge) throw new StripeApiError(404, "invalid_request_error", `No such payment_intent: '${paymentIntent}'`, "resource_missing", "payment_intent");
    const remaining = charge.amount - charge.amount_refunded;
    const amount = params.amount === undefined ? remaining : Number(params.amount);
    if (charge.refunded || remaining === 0) {
      throw new StripeApiError(400, "invalid_request_error", `Charge ${charge.id} has already been refunded.`, "charge_already_refunded");
    }
    if (!Number.isInteger(amount) || amount < 1 || amount > remaining) {
      throw new StripeApiError(400, "invalid_request_error", `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`, "amount_too_large", "amount");
    }
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const refund: FakeRefund = {
      id: randomId("re"),
      object: "refund",
      amount,
      charge: charge.id,
      currency: charge.currency,
      payment_intent: paymentIntent,
      status: newRefundStatus,
      failure_reason: null,
      reason: typeof params.reason === "string" ? params.reason : null,
      metadata: { ...((params.metadata as Record<string, string> | undefined) ?? {}), ...(origin === "dashboard" ? { fake_origin: "dashboard" } : {}) },
      created: nowSeconds(),
    };
    refunds.push(refund);
    return refund;
  }

  function requireRefund(id: string): FakeRefund {
    const refund = refunds.find((made) => made.id === id);
    if (!refund) throw new Error(`fake Stripe: no refund ${id}`);
    return refund;
  }

  /** Marks the session paid (or complete-but-unpaid for an async method) and returns checkout.session.completed. */
  function completeSession(sessionId: string, opts: { paymentStatus?: "paid" | "unpaid" } = {}): FakeStripeEvent {
    const session = requireSession(sessionId);
    if (session.status === "complete") return buildEvent("checkout.session.completed", publicSession(session));
    session.status = "complete";
    session.payment_status = opts.paymentStatus ?? "paid";
    session.customer_details = { email: session.customer_email };
    session.payment_intent = randomId("pi");
    session.url = null;
    if (session.payment_status === "paid") recordCharge(session);
    return buildEvent("checkout.session.completed", publicSession(session));
  }

  function recordCharge(session: FakeCheckoutSession) {
    if (!session.payment_intent || charges.has(session.payment_intent)) return;
    charges.set(session.payment_intent, {
      id: randomId("ch"),
      object: "charge",
      amount: session.amount_total,
      amount_captured: session.amount_total,
      amount_refunded: 0,
      currency: session.currency,
      payment_intent: session.payment_intent,
      refunded: false,
      status: "succeeded",
      created: nowSeconds(),
      livemode: false,
    });
  }

  /** A PaymentIntent as it stands now, from the session that made it and its charge (`latest_charge` expanded when asked). */
  function paymentIntent(id: string, expand: unknown): Record<string, unknown> {
    const session = [...sessions.values()].find((made) => made.payment_intent === id);
    if (!session) throw new StripeApiError(404, "invalid_request_error", `No such payment_intent: '${id}'`, "resource_missing", "intent");
    const charge = charges.get(id);
    const expanded = Array.isArray(expand) && expand.includes("latest_charge");
    return {
      id,
      object: "payment_intent",
      amount: session.amount_total,
      currency: session.currency,
      status: charge ? "succeeded" : "processing",
      latest_charge: charge ? (expanded ? structuredClone(charge) : charge.id) : null,
      livemode: false,
    };
  }

  function shouldFail(method: string, path: string): FailureRule | undefined {
    const rule = failures.find((r) => r.times > 0 && (!r.method || r.method === method) && (!r.pathPrefix || path.startsWith(r.pathPrefix)));
    if (rule) rule.times -= 1;
    return rule;
  }

  function handleApi(method: string, path: string, params: Record<string, unknown>): { status: number; body: unknown } {
    const failure = shouldFail(method, path);
    if (failure) throw new StripeApiError(failure.status, "api_error", "The fake was told to fail this request.");
    if (method === "POST" && path === "/v1/checkout/sessions") return { status: 200, body: publicSession(createSession(params)) };
    const sessionMatch = path.match(/^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/);
    if (sessionMatch && method === "GET" && !sessionMatch[2]) return { status: 200, body: publicSession(requireSession(decodeURIComponent(sessionMatch[1]))) };
    if (sessionMatch && method === "POST" && sessionMatch[2]) {
      return { status: 200, body: publicSession(expireSessionViaApi(decodeURIComponent(sessionMatch[1]))) };
    }
    const intentMatch = path.match(/^\/v1\/payment_intents\/([^/]+)$/);
    if (intentMatch && method === "GET") return { status: 200, body: paymentIntent(decodeURIComponent(intentMatch[1]), params.expand) };
    if (method === "POST" && path === "/v1/refunds") return { status: 200, body: structuredClone(createRefund(params, "api")) };
    if (method === "POST" && path === "/v1/coupons") return { status: 200, body: structuredClone(createCoupon(params)) };
    throw new StripeApiError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}). The fake Stripe only knows the endpoints the payments code uses.`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", base);
    const method = request.method ?? "GET";
    const rawBody = await readBody(request);
    if (url.pathname.startsWith("/checkout/")) return handleHostedPage(method, url, rawBody, response);

    const params = method === "GET" ? decodeForm(url.searchParams.toString()) : decodeForm(rawBody);
    const idempotencyKey = method === "POST" ? (request.headers["idempotency-key"] as string | undefined) ?? null : null;
    const fingerprint = `${method} ${url.pathname} ${rawBody}`;
    let status: number;
    let body: unknown;
    let replayed = false;
    const stored = idempotencyKey ? idempotency.get(idempotencyKey) : undefined;
    if (stored && stored.fingerprint !== fingerprint) {
      // Stripe refuses a reused key with different parameters rather than guessing.
      status = 400;
      body = { error: { type: "idempotency_error", message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.` } };
    } else if (stored) {
      ({ status, body } = stored);
      replayed = true;
    } else {
      try {
        ({ status, body } = handleApi(method, url.pathname, params));
      } catch (error) {
        if (!(error instanceof StripeApiError)) throw error;
        status = error.status;
        body = { error: { type: error.type, message: error.message, ...(error.code ? { code: error.code } : {}), ...(error.param ? { param: error.param } : {}) } };
      }
      // Stripe saves the result of any request that began executing, errors included (5xx excepted).
      if (idempotencyKey && status < 500) idempotency.set(idempotencyKey, { fingerprint, status, body });
    }
    requests.push({ method, path: url.pathname, params, idempotencyKey, replayed, status });
    response.writeHead(status, {
      "content-type": "application/json",
      "request-id": randomId("req"),
      ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
      ...(replayed ? { "idempotent-replayed": "true" } : {}),
    });
    response.end(JSON.stringify(body));
  }

  function page(title: string, main: string): string {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${main}</main></body></html>`;
  }

  function fillSessionId(template: string, id: string): string {
    return template.replaceAll("{CHECKOUT_SESSION_ID}", id);
  }

  async function handleHostedPage(method: string, url: URL, rawBody: string, response: ServerResponse) {
    const id = decodeURIComponent(url.pathname.slice("/checkout/".length));
    const session = sessions.get(id);
    const send = (status: number, html: string) => {
      response.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      response.end(html);
    };
    if (!session) return send(404, page("Checkout not found", "<p>This checkout link doesn't match any checkout.</p>"));
    if (method === "POST") {
      const action = new URLSearchParams(rawBody).get("action") ?? "pay";
      if (action === "pay" && session.status === "open") {
        const event = completeSession(id);
        await sendWebhook(event).catch(() => undefined); // a failed delivery is logged in webhookDeliveries
      }
      if (session.status === "complete" && session.success_url) {
        response.writeHead(303, { location: fillSessionId(session.success_url, id) });
        return response.end();
      }
      return send(409, page("This checkout is closed", `<p>This checkout is ${escapeHtml(session.status)} and can no longer be paid.</p>`));
    }
    if (method !== "GET") return send(405, page("Not allowed", "<p>Use the buttons on the checkout page.</p>"));
    if (session.status !== "open") {
      return send(200, page("This checkout is closed", `<p>This checkout is ${escapeHtml(session.status)} and can no longer be paid.</p>`));
    }
    const rows = session.line_items_input
      .map((item) => `<li>${escapeHtml(item.name)} × ${item.quantity}: ${escapeHtml(formatAmount(item.unit_amount * item.quantity, item.currency))}</li>`)
      .join("");
    const cancel = session.cancel_url ? `<p><a href="${escapeHtml(fillSessionId(session.cancel_url, id))}">Cancel</a></p>` : "";
    send(
      200,
      page(
        "Fake Stripe checkout",
        `<p>Test double of Stripe's hosted checkout. No money moves.</p>` +
          `<h2>Your order</h2><ul>${rows}</ul>` +
          (session.total_details.amount_discount > 0 ? `<p>Discount: −${escapeHtml(formatAmount(session.total_details.amount_discount, session.currency))}</p>` : "") +
          `<p>Total: <strong>${escapeHtml(formatAmount(session.amount_total, session.currency))}</strong></p>` +
          (session.customer_email ? `<p>Receipt to ${escapeHtml(session.customer_email)}</p>` : "") +
          `<form method="post" action="/checkout/${encodeURIComponent(id)}"><input type="hidden" name="action" value="pay"><button type="submit">Pay</button></form>` +
          cancel,
      ),
    );
  }

  /** Signs an event the way Stripe does; useful to call a route handler in-process. */
  function signEvent(event: FakeStripeEvent, secret = webhook.secret): { payload: string; signature: string } {
    const payload = JSON.stringify(event, null, 2);
    return { payload, signature: signer.webhooks.generateTestHeaderString({ payload, secret }) };
  }

  /** POSTs the signed event to the webhook URL and resolves with the response (it doesn't throw on 4xx/5xx). */
  async function sendWebhook(event: FakeStripeEvent, overrides: { url?: string; secret?: string; signature?: string } = {}) {
    const target = overrides.url ?? webhook.url;
    if (!target) throw new Error("fake Stripe: no webhook URL; pass webhookUrl to startFakeStripe or call configureWebhook");
    const signed = signEvent(event, overrides.secret ?? webhook.secret);
    const result = await fetch(target, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": overrides.signature ?? signed.signature, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" },
      body: signed.payload,
    });
    const delivery = { eventId: event.id, type: event.type, status: result.status, body: await result.text() };
    webhookDeliveries.push(delivery);
    return delivery;
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { type: "api_error", message: String(error) } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    port,
    /** Options for `new Stripe(key, …)` that point the SDK here. */
    sdkOptions: { host: "127.0.0.1", port, protocol: "http" as const },
    get webhookSecret() {
      return webhook.secret;
    },
    sessions,
    coupons,
    charges,
    refunds,
    events,
    requests,
    webhookDeliveries,
    configureWebhook(next: { url?: string; secret?: string }) {
      if (next.url !== undefined) webhook.url = next.url;
      if (next.secret !== undefined) webhook.secret = next.secret;
    },
    complete: completeSession,
    /**
     * Returns checkout.session.expired. An open session becomes expired. A session that is already
     * complete stays complete in the fake, but the event still carries an expired snapshot: that is
     * how tests deliver a late or out-of-order `expired` after `completed`.
     */
    expire(sessionId: string): FakeStripeEvent {
      const session = requireSession(sessionId);
      if (session.status === "open") {
        session.status = "expired";
        session.url = null;
        return buildEvent("checkout.session.expired", publicSession(session));
      }
      // Stripe only sends `expired` for sessions that were never paid, so the snapshot reads unpaid.
      return buildEvent("checkout.session.expired", { ...publicSession(session), status: "expired", payment_status: "unpaid", url: null });
    },
    /** For a session completed with paymentStatus "unpaid": the bank transfer or similar settles (or not). */
    asyncPayment(sessionId: string, result: "succeeded" | "failed"): FakeStripeEvent {
      const session = requireSession(sessionId);
      if (session.status !== "complete") throw new Error(`fake Stripe: session ${sessionId} is ${session.status}, not complete`);
      if (result === "succeeded") {
        session.payment_status = "paid";
        recordCharge(session);
        return buildEvent("checkout.session.async_payment_succeeded", publicSession(session));
      }
      return buildEvent("checkout.session.async_payment_failed", publicSession(session));
    },
    /** A refund made by the coach in Stripe's dashboard; returns charge.refunded with the running total. */
    refundFromDashboard(paymentIntentId: string, amount: number): FakeStripeEvent {
      createRefund({ payment_intent: paymentIntentId, amount: String(amount) }, "dashboard");
      return buildEvent("charge.refunded", { ...charges.get(paymentIntentId)! });
    },
    /** charge.refunded for the charge's current state (Stripe also sends it after API refunds). */
    chargeRefundedEvent(paymentIntentId: string): FakeStripeEvent {
      const charge = charges.get(paymentIntentId);
      if (!charge) throw new Error(`fake Stripe: no charge for ${paymentIntentId}`);
      return buildEvent("charge.refunded", { ...charge });
    },
    /** The status refunds made from now on report (Stripe answers "pending" when it finishes a refund later). */
    setRefundStatus(status: "succeeded" | "pending") {
      newRefundStatus = status;
    },
    /** An event about one refund as it stands now (refund.created, refund.updated, charge.refund.updated…). */
    refundEvent(type: string, refundId: string): FakeStripeEvent {
      return buildEvent(type, { ...requireRefund(refundId) });
    },
    /**
     * Stripe failing a refund it had accepted (a closed card, say): the refund becomes failed with a
     * failure_reason, its amount no longer counts in the charge's amount_refunded, and the
     * refund.failed event is returned (refundEvent gives refund.updated / charge.refund.updated too).
     */
    failRefund(refundId: string, failureReason = "expired_or_canceled_card"): FakeStripeEvent {
      const refund = requireRefund(refundId);
      if (refund.status === "failed") throw new Error(`fake Stripe: refund ${refundId} has already failed`);
      const charge = charges.get(refund.payment_intent)!;
      charge.amount_refunded -= refund.amount;
      charge.refunded = false;
      refund.status = "failed";
      refund.failure_reason = failureReason;
      return buildEvent("refund.failed", { ...refund });
    },
    /** Any event, for types the helpers above don't cover (e.g. one our code ignores). */
    event: buildEvent,
    signEvent,
    sendWebhook,
    /** Makes the next `times` matching API requests answer `status` (default 500) without doing anything. */
    failNext(rule: { method?: string; pathPrefix?: string; times?: number; status?: number } = {}) {
      failures.push({ method: rule.method, pathPrefix: rule.pathPrefix, times: rule.times ?? 1, status: rule.status ?? 500 });
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;
