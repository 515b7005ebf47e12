import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.STORAGE_DIR = `${process.env.TMPDIR ?? "/tmp"}/admin-customers-${process.pid}-${Date.now()}`;
});

import { rmSync } from "node:fs";
import { getCustomer } from "@/lib/admin/customers/get-customer";
import { CUSTOMERS_PAGE_SIZE, listCustomers } from "@/lib/admin/customers/list-customers";
import type { CurrentUser } from "@/lib/auth/current-user";
import { AuthRequiredError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { createUser, seedPractice } from "../helpers/booking";
import { failure } from "../helpers/errors";
import { insertBooking, insertBookingOrder } from "../helpers/paid-booking";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The coach's customers: one row per email across bookings, orders and entitlements, with counts,
// last activity and search; one customer's bookings, orders and access. Another coach's bookings
// and their orders never show.

let database: TestDatabase;
let coach: CurrentUser;
let otherCoach: CurrentUser;
let client: CurrentUser;
let journalId: string;
let strategyId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ coach } = await seedPractice(database.db));
  otherCoach = await createUser(database.db, { email: "other.coach@example.com", role: "COACH", name: "Other" });
  client = await createUser(database.db, { email: "dana@example.com", role: "CLIENT", name: "Dana F." });
  journalId = (await database.db.product.findUniqueOrThrow({ where: { slug: "rejection-sensitivity-journal" }, select: { id: true } })).id;
  strategyId = (await database.db.sessionType.findUniqueOrThrow({ where: { slug: "strategy-session" }, select: { id: true } })).id;
});

afterAll(async () => {
  await database?.drop();
  if (process.env.STORAGE_DIR) rmSync(process.env.STORAGE_DIR, { recursive: true, force: true });
});

let serial = 0;
async function booking(options: { email: string; name: string; coachId?: string; createdAt: Date; status?: "CONFIRMED" | "EXPIRED"; paid?: boolean }) {
  const { db } = database;
  serial += 1;
  const startsAt = new Date(Date.parse("2026-07-01T10:00:00Z") + serial * 86_400_000);
  const bookingId = await insertBooking(db, {
    coachId: options.coachId ?? coach.id,
    sessionTypeId: strategyId,
    startsAt,
    clientName: options.name,
    clientEmail: options.email,
    clientTimeZone: "Europe/London",
    tag: "customer",
    serial,
    status: options.status,
    createdAt: options.createdAt,
  });
  if (options.paid) {
    await insertBookingOrder(db, { bookingId, email: options.email, title: "Strategy session", tag: "customer", serial, paidAt: options.createdAt, createdAt: options.createdAt });
  }
  return bookingId;
}

async function journalOrder(options: { email: string; createdAt: Date; status?: "PAID" | "EXPIRED"; revoked?: boolean }) {
  const { db } = database;
  serial += 1;
  const status = options.status ?? "PAID";
  const order = await db.order.create({
    data: {
      email: options.email,
      status,
      currency: "GBP",
      subtotalCents: 1800,
      totalCents: 1800,
      provider: "TEST",
      checkoutId: `test_cs_journal_${serial}`,
      createdAt: options.createdAt,
      items: { create: { kind: "PRODUCT", productId: journalId, title: "The Rejection Sensitivity Journal", unitPriceCents: 1800, totalCents: 1800 } },
    },
    select: { id: true, items: { select: { id: true } } },
  });
  if (status === "PAID") {
    await db.entitlement.create({
      data: {
        email: options.email,
        productId: journalId,
        orderItemId: order.items[0].id,
        createdAt: options.createdAt,
        ...(options.revoked ? { status: "REVOKED", revokedAt: options.createdAt, revokeReason: "Refunded in full" } : {}),
      },
    });
  }
  return order.id;
}

describe("customers", () => {
  it("refuses a client (ForbiddenError) and a signed-out visitor (AuthRequiredError)", async () => {
    const { db } = database;
    for (const actor of [client, null]) {
      const expected = actor ? ForbiddenError : AuthRequiredError;
      expect(await failure(listCustomers({ db, actor }))).toBeInstanceOf(expected);
      expect(await failure(getCustomer({ db, actor, key: "dana@example.com" }))).toBeInstanceOf(expected);
    }
  });

  it("lists one row per email with counts and last activity, most recent first; searches names and emails; leaves other coaches' clients out", async () => {
    const { db } = database;
    await booking({ email: "dana@example.com", name: "Dana Flores", createdAt: new Date("2026-05-01T10:00:00Z"), paid: true });
    await booking({ email: "dana@example.com", name: "Dana", createdAt: new Date("2026-05-03T10:00:00Z") });
    await booking({ email: "dana@example.com", name: "Dana", createdAt: new Date("2026-05-04T10:00:00Z"), status: "EXPIRED" });
    await journalOrder({ email: "dana@example.com", createdAt: new Date("2026-05-02T10:00:00Z") });
    await journalOrder({ email: "guest_buyer@example.org", createdAt: new Date("2026-05-05T10:00:00Z") });
    await journalOrder({ email: "guest_buyer@example.org", createdAt: new Date("2026-05-06T10:00:00Z"), status: "EXPIRED" });
    await journalOrder({ email: "refunded@example.org", createdAt: new Date("2026-04-01T10:00:00Z"), revoked: true });
    await booking({ email: "sam@example.com", name: "Sam Otherclient", coachId: otherCoach.id, createdAt: new Date("2026-05-07T10:00:00Z"), paid: true });

    const { customers, total } = await listCustomers({ db, actor: coach });
    expect(customers.map((c) => c.email)).toEqual(["guest_buyer@example.org", "dana@example.com", "refunded@example.org"]);
    expect(total).toBe(3);
    expect(customers[1]).toEqual({
      email: "dana@example.com",
      name: "Dana",
      hasAccount: true,
      bookings: 2,
      orders: 2,
      activeEntitlements: 1,
      lastActivityAt: new Date("2026-05-04T10:00:00Z"),
    });
    expect(customers[0]).toMatchObject({ name: null, hasAccount: false, bookings: 0, orders: 1, activeEntitlements: 1, lastActivityAt: new Date("2026-05-06T10:00:00Z") });
    expect(customers[2]).toMatchObject({ orders: 1, activeEntitlements: 0 });

    expect((await listCustomers({ db, actor: coach, filters: { search: "FLORES" } })).customers.map((c) => c.email)).toEqual(["dana@example.com"]);
    expect((await listCustomers({ db, actor: coach, filters: { search: "example.org" } })).customers.map((c) => c.email)).toEqual(["guest_buyer@example.org", "refunded@example.org"]);
    // A LIKE wildcard is searched for as itself.
    expect((await listCustomers({ db, actor: coach, filters: { search: "_" } })).customers.map((c) => c.email)).toEqual(["guest_buyer@example.org"]);
    expect((await listCustomers({ db, actor: coach, filters: { search: "sam" } })).total).toBe(0);
  });

  it("pages like the other lists", async () => {
    const { db } = database;
    for (let i = 0; i < CUSTOMERS_PAGE_SIZE; i++) await journalOrder({ email: `reader-${String(i).padStart(2, "0")}@example.net`, createdAt: new Date(Date.UTC(2026, 2, 1, 12, i)) });
    const one = await listCustomers({ db, actor: coach, filters: { search: "reader-" } });
    expect(one).toMatchObject({ total: CUSTOMERS_PAGE_SIZE, pageCount: 1 });
    const all = await listCustomers({ db, actor: coach, filters: { page: 5 } });
    expect(all).toMatchObject({ page: 2, pageCount: 2, total: CUSTOMERS_PAGE_SIZE + 3 });
    expect(all.customers).toHaveLength(3);
  });

  it("shows one customer's bookings, orders and access, by email or by account id", async () => {
    const { db } = database;
    const byEmail = await getCustomer({ db, actor: coach, key: "Dana@Example.com" });
    expect(byEmail).toMatchObject({ email: "dana@example.com", name: "Dana", user: { id: client.id } });
    expect(byEmail.bookings).toHaveLength(3);
    expect(byEmail.bookings.find((b) => b.orderItem)?.orderItem?.order).toMatchObject({ status: "PAID", totalCents: 9500 });
    expect(byEmail.orders.map((o) => o.items[0].kind).sort()).toEqual(["BOOKING", "PRODUCT"]);
    expect(byEmail.entitlements.map((e) => [e.product.title, e.status])).toEqual([["The Rejection Sensitivity Journal", "ACTIVE"]]);

    const byId = await getCustomer({ db, actor: coach, key: client.id });
    expect(byId.email).toBe("dana@example.com");
    expect(byId.orders.map((o) => o.id)).toEqual(byEmail.orders.map((o) => o.id));

    const guest = await getCustomer({ db, actor: coach, key: "guest_buyer@example.org" });
    expect(guest).toMatchObject({ user: null, bookings: [] });
    expect(guest.orders.map((o) => o.status)).toEqual(["EXPIRED", "PAID"]);

    // Another coach's client: nothing of theirs is hers to see.
    expect(await failure(getCustomer({ db, actor: coach, key: "sam@example.com" }))).toBeInstanceOf(NotFoundError);
    expect(await failure(getCustomer({ db, actor: coach, key: "nobody@example.com" }))).toBeInstanceOf(NotFoundError);
    expect(await failure(getCustomer({ db, actor: coach, key: "no-such-user-id" }))).toBeInstanceOf(NotFoundError);
  });
});
