import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The job queue is replaced by a recorder: the refund must be queued for the provider after commit.
vi.hoisted(() => {
  process.env.STORAGE_DIR = `${process.env.TMPDIR ?? "/tmp"}/admin-orders-${process.pid}-${Date.now()}`;
});
vi.mock("@/lib/jobs/boss", async (importOriginal) => (await import("../helpers/recorded-jobs")).recordingBoss(importOriginal));


import { rmSync } from "node:fs";
import { getOrderForCoach } from "@/lib/admin/orders/get-order-for-coach";
import { listOrdersForCoach, ORDERS_PAGE_SIZE } from "@/lib/admin/orders/list-orders-for-coach";
import { REFUND_REVOKE_REASON, refundOrderByCoach } from "@/lib/admin/orders/refund-order-by-coach";
import type { CurrentUser } from "@/lib/auth/current-user";
import { AuthRequiredError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { executeRefund } from "@/lib/payments/execute-refund";
import { createTestProvider } from "@/lib/payments/test-provider";
import { createUser, seedPractice } from "../helpers/booking";
import { failure } from "../helpers/errors";
import { insertBooking, insertBookingOrder } from "../helpers/paid-booking";
import { sentJobs } from "../helpers/recorded-jobs";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The coach's orders in /admin/orders: the list with its filters, one order in detail, and refunds
// (full, partial, keeping or taking back the buyer's downloads). Paid orders are written straight
// into the database; the test provider carries the refunds out.

let database: TestDatabase;
let coach: CurrentUser;
let otherCoach: CurrentUser;
let client: CurrentUser;
let journal: { id: string; title: string };
let toolkit: { id: string; title: string };
let strategyId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ coach } = await seedPractice(database.db));
  otherCoach = await createUser(database.db, { email: "other.coach@example.com", role: "COACH", name: "Other" });
  client = await createUser(database.db, { email: "client@example.com", role: "CLIENT" });
  journal = await database.db.product.findUniqueOrThrow({ where: { slug: "rejection-sensitivity-journal" }, select: { id: true, title: true } });
  toolkit = await database.db.product.findUniqueOrThrow({ where: { slug: "alexithymia-interoception-toolkit" }, select: { id: true, title: true } });
  strategyId = (await database.db.sessionType.findUniqueOrThrow({ where: { slug: "strategy-session" }, select: { id: true } })).id;
});

afterAll(async () => {
  await database?.drop();
  if (process.env.STORAGE_DIR) rmSync(process.env.STORAGE_DIR, { recursive: true, force: true });
});

beforeEach(() => {
  sentJobs.length = 0;
});

let serial = 0;
/** A PAID test-mode order for the journal (£18) and the toolkit (£24), with an entitlement for each. */
async function paidShopOrder(options: { email?: string; createdAt?: Date; status?: "PAID" | "PENDING" } = {}) {
  const { db } = database;
  serial += 1;
  const email = options.email ?? "buyer@example.com";
  const status = options.status ?? "PAID";
  const order = await db.order.create({
    data: {
      email,
      status,
      currency: "GBP",
      subtotalCents: 4200,
      totalCents: 4200,
      provider: "TEST",
      checkoutId: `test_cs_shop_${serial}`,
      paymentIntentId: status === "PAID" ? `test_pi_shop_${serial}` : null,
      paidAt: status === "PAID" ? (options.createdAt ?? new Date()) : null,
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
      items: {
        create: [
          { kind: "PRODUCT", productId: journal.id, title: journal.title, unitPriceCents: 1800, totalCents: 1800 },
          { kind: "PRODUCT", productId: toolkit.id, title: toolkit.title, unitPriceCents: 2400, totalCents: 2400 },
        ],
      },
    },
    select: { id: true, items: { select: { id: true, productId: true } } },
  });
  if (status === "PAID") {
    await db.entitlement.createMany({ data: order.items.map((item) => ({ email, productId: item.productId!, orderItemId: item.id })) });
  }
  return order.id;
}

/** A paid booking of another coach, with its order: never hers to see or refund. */
async function otherCoachesOrder() {
  const { db } = database;
  serial += 1;
  const startsAt = new Date(Date.parse("2026-06-01T10:00:00Z") + serial * 86_400_000);
  const bookingId = await insertBooking(db, { coachId: otherCoach.id, sessionTypeId: strategyId, startsAt, clientName: "Sam", clientEmail: "sam@example.com", clientTimeZone: "Europe/London", tag: "other", serial });
  return insertBookingOrder(db, { bookingId, email: "sam@example.com", title: "Strategy session", tag: "other", serial, paidAt: new Date() });
}

const stateOf = async (orderId: string) => {
  const order = await database.db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { status: true, refundedCents: true, refunds: { orderBy: { createdAt: "asc" } }, items: { select: { entitlement: true } } },
  });
  return { ...order, entitlements: order.items.map((item) => item.entitlement!) };
};

describe("orders: who may", () => {
  it("refuses a client (ForbiddenError) and a signed-out visitor (AuthRequiredError); another coach's booking order is not found", async () => {
    const { db } = database;
    const orderId = await paidShopOrder();
    for (const actor of [client, null]) {
      const expected = actor ? ForbiddenError : AuthRequiredError;
      expect(await failure(listOrdersForCoach({ db, actor }))).toBeInstanceOf(expected);
      expect(await failure(getOrderForCoach({ db, actor, id: orderId }))).toBeInstanceOf(expected);
      expect(await failure(refundOrderByCoach({ db, actor, orderId }))).toBeInstanceOf(expected);
    }
    const others = await otherCoachesOrder();
    expect(await failure(getOrderForCoach({ db, actor: coach, id: others }))).toBeInstanceOf(NotFoundError);
    expect(await failure(refundOrderByCoach({ db, actor: coach, orderId: others }))).toBeInstanceOf(NotFoundError);
    expect((await listOrdersForCoach({ db, actor: coach })).orders.map((order) => order.id)).not.toContain(others);
    // Nothing moved.
    expect(await stateOf(orderId)).toMatchObject({ status: "PAID", refundedCents: 0, refunds: [] });
    expect((await stateOf(others)).refunds).toEqual([]);
    expect(sentJobs).toEqual([]);
  });
});

describe("listOrdersForCoach", () => {
  it("filters by status, part of the email and the coach's calendar dates, newest first, in pages", async () => {
    const { db } = database;
    const march = await paidShopOrder({ email: "Ada.Lovelace@example.com".toLowerCase(), createdAt: new Date("2026-03-10T23:30:00Z") });
    const pending = await paidShopOrder({ email: "ada.l@example.org", status: "PENDING", createdAt: new Date("2026-03-11T09:00:00Z") });

    const ada = await listOrdersForCoach({ db, actor: coach, filters: { email: "ADA.L" } });
    expect(ada.orders.map((order) => order.id)).toEqual([pending, march]);
    expect(ada.orders[1]).toMatchObject({ email: "ada.lovelace@example.com", totalCents: 4200, items: [{ title: journal.title }, { title: toolkit.title }] });

    expect((await listOrdersForCoach({ db, actor: coach, filters: { email: "ada.l", status: "PENDING" } })).orders.map((o) => o.id)).toEqual([pending]);
    // 23:30 UTC on 10 March is still 10 March in London (GMT).
    expect((await listOrdersForCoach({ db, actor: coach, filters: { email: "ada", from: "2026-03-10", to: "2026-03-10" } })).orders.map((o) => o.id)).toEqual([march]);
    expect((await listOrdersForCoach({ db, actor: coach, filters: { email: "ada", from: "2026-03-11" } })).orders.map((o) => o.id)).toEqual([pending]);

    const bad = await failure(listOrdersForCoach({ db, actor: coach, filters: { from: "2026-03-12", to: "2026-03-11" } }));
    expect((bad as InvalidInputError).fields.to).toBe("The last date must not be before the first.");

    for (let i = 0; i < ORDERS_PAGE_SIZE + 2; i++) await paidShopOrder({ email: `many-${i}@example.net`, createdAt: new Date(Date.UTC(2026, 4, 1, 12, i)) });
    const one = await listOrdersForCoach({ db, actor: coach, filters: { email: "@example.net" } });
    expect(one).toMatchObject({ total: ORDERS_PAGE_SIZE + 2, page: 1, pageCount: 2 });
    expect(one.orders[0].email).toBe(`many-${ORDERS_PAGE_SIZE + 1}@example.net`);
    const two = await listOrdersForCoach({ db, actor: coach, filters: { email: "@example.net", page: 9 } });
    expect(two.page).toBe(2);
    expect(two.orders.map((order) => order.email)).toEqual(["many-1@example.net", "many-0@example.net"]);
  });
});

describe("getOrderForCoach", () => {
  it("shows items, payment, refunds and the access each item gave", async () => {
    const { db } = database;
    const orderId = await paidShopOrder({ email: "grace@example.com" });
    await refundOrderByCoach({ db, actor: coach, orderId, amountCents: 500, reason: "A goodwill gesture" });
    const { order, hasAccess } = await getOrderForCoach({ db, actor: coach, id: orderId });
    expect(hasAccess).toBe(true);
    expect(order).toMatchObject({ email: "grace@example.com", status: "PARTIALLY_REFUNDED", totalCents: 4200, refundedCents: 500, provider: "TEST", paymentIntentId: expect.stringMatching(/^test_pi_/) });
    expect(order.items.map((item) => [item.title, item.product?.id, item.entitlement?.status])).toEqual([
      [journal.title, journal.id, "ACTIVE"],
      [toolkit.title, toolkit.id, "ACTIVE"],
    ]);
    expect(order.refunds).toEqual([expect.objectContaining({ amountCents: 500, status: "PENDING", origin: "COACH", reason: "A goodwill gesture" })]);
    expect(await failure(getOrderForCoach({ db, actor: coach, id: "no-such-order" }))).toBeInstanceOf(NotFoundError);
  });
});

describe("refundOrderByCoach", () => {
  it("a full refund revokes the order's downloads in the same transaction, queues the refund after commit and emails the buyer", async () => {
    const { db } = database;
    const orderId = await paidShopOrder({ email: "full@example.com" });
    const result = await refundOrderByCoach({ db, actor: coach, orderId, reason: "Sorry it wasn't what you needed." });
    expect(result).toMatchObject({ amountCents: 4200, currency: "GBP", fullyRefunded: true, revoked: 2 });

    const state = await stateOf(orderId);
    expect(state).toMatchObject({ status: "REFUNDED", refundedCents: 4200 });
    expect(state.refunds).toEqual([expect.objectContaining({ id: result.refundId, amountCents: 4200, status: "PENDING", origin: "COACH" })]);
    expect(state.entitlements.map((e) => [e.status, e.revokeReason])).toEqual([
      ["REVOKED", REFUND_REVOKE_REASON],
      ["REVOKED", REFUND_REVOKE_REASON],
    ]);
    expect(state.entitlements.every((e) => e.revokedAt instanceof Date)).toBe(true);
    expect(sentJobs.filter((job) => job.name === "payments.refund").map((job) => job.data.refundId)).toEqual([result.refundId]);
    const email = await db.emailMessage.findFirstOrThrow({ where: { toAddress: "full@example.com", template: "refund-issued" } });
    expect(email.text).toContain("£42.00");
    expect(await db.auditLog.findFirst({ where: { entityId: orderId, action: "order.refunded" }, select: { data: true } })).toMatchObject({ data: { fullyRefunded: true, revoked: 2, keepAccess: false } });

    await expect(executeRefund({ db, provider: createTestProvider({ db }), refundId: result.refundId })).resolves.toBe("succeeded");
    expect((await failure(refundOrderByCoach({ db, actor: coach, orderId }))).code).toBe("refund_too_large");
  });

  it("with keepAccess, a full refund leaves the buyer's downloads active", async () => {
    const { db } = database;
    const orderId = await paidShopOrder({ email: "keep@example.com" });
    await expect(refundOrderByCoach({ db, actor: coach, orderId, keepAccess: true })).resolves.toMatchObject({ fullyRefunded: true, revoked: 0 });
    const state = await stateOf(orderId);
    expect(state.status).toBe("REFUNDED");
    expect(state.entitlements.map((e) => e.status)).toEqual(["ACTIVE", "ACTIVE"]);
  });

  it("a partial refund never revokes; the refund that completes it does", async () => {
    const { db } = database;
    const orderId = await paidShopOrder({ email: "part@example.com" });
    await expect(refundOrderByCoach({ db, actor: coach, orderId, amountCents: 1800 })).resolves.toMatchObject({ amountCents: 1800, fullyRefunded: false, revoked: 0 });
    expect((await stateOf(orderId)).entitlements.map((e) => e.status)).toEqual(["ACTIVE", "ACTIVE"]);
    expect((await stateOf(orderId)).status).toBe("PARTIALLY_REFUNDED");

    await expect(refundOrderByCoach({ db, actor: coach, orderId, amountCents: 2400 })).resolves.toMatchObject({ fullyRefunded: true, revoked: 2 });
    const state = await stateOf(orderId);
    expect(state.status).toBe("REFUNDED");
    expect(state.refunds.map((r) => r.amountCents)).toEqual([1800, 2400]);
    expect(state.entitlements.map((e) => e.status)).toEqual(["REVOKED", "REVOKED"]);
  });

  it("refuses more than is left, a zero or fractional amount, an unpaid order and an unknown one, changing nothing", async () => {
    const { db } = database;
    const orderId = await paidShopOrder({ email: "limits@example.com" });
    const tooMuch = await failure(refundOrderByCoach({ db, actor: coach, orderId, amountCents: 4201 }));
    expect(tooMuch.code).toBe("refund_too_large");
    expect(tooMuch.message).toContain("£42.00");
    for (const amountCents of [0, -5, 12.5]) expect(await failure(refundOrderByCoach({ db, actor: coach, orderId, amountCents }))).toBeInstanceOf(InvalidInputError);
    const longNote = await failure(refundOrderByCoach({ db, actor: coach, orderId, reason: "x".repeat(2001) }));
    expect((longNote as InvalidInputError).fields.reason).toBeDefined();
    const unpaid = await paidShopOrder({ status: "PENDING" });
    expect((await failure(refundOrderByCoach({ db, actor: coach, orderId: unpaid }))).code).toBe("order_not_paid");
    expect(await failure(refundOrderByCoach({ db, actor: coach, orderId: "no-such-order" }))).toBeInstanceOf(NotFoundError);

    expect(await stateOf(orderId)).toMatchObject({ status: "PAID", refundedCents: 0, refunds: [] });
    expect((await stateOf(orderId)).entitlements.map((e) => e.status)).toEqual(["ACTIVE", "ACTIVE"]);
    expect(sentJobs).toEqual([]);
  });
});
