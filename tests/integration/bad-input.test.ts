import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Bad input gets a clear 4xx (the JSON error shape, a form's error state, the calm 404 page), never
// a 500: `__proto__` as a message code, NUL characters (PostgreSQL refuses them in text), ids too
// long to be ids, dates and times far outside the calendar, and stored files gone missing. Pages,
// route handlers and server actions are the real ones, on a real database.

const { storageDir } = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/bad-input-${process.pid}-${Date.now()}`;
  process.env.STORAGE_DIR = dir;
  return { storageDir: dir };
});
vi.mock("next/headers", async () => (await import("../helpers/request-scope")).nextHeaders);
// Outside a Next server there is no cache to revalidate (the cart's forms call revalidatePath).
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// No worker runs here: delivery and reminder jobs are dropped.
vi.mock("@/lib/jobs/boss", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/jobs/boss")>()),
  sendJobs: async () => {},
}));

import LibraryPage from "@/app/(account)/account/library/page";
import { POST as libraryDownload } from "@/app/(account)/account/library/download/route";
import { applyCouponAction, addToCartAction, removeFromCartAction, updateQuantityAction } from "@/app/(site)/cart/actions";
import TestCheckoutPage from "@/app/(site)/checkout/test/[checkoutId]/page";
import { rescheduleBookingAction } from "@/app/(site)/manage/[token]/actions";
import ProductPage from "@/app/(site)/shop/[slug]/page";
import SignInPage from "@/app/(site)/signin/page";
import BookingPage from "@/app/admin/bookings/[id]/page";
import CustomerPage from "@/app/admin/customers/[key]/page";
import OrderPage from "@/app/admin/orders/[id]/page";
import OutboxMessagePage from "@/app/admin/outbox/[id]/page";
import EditProductPage from "@/app/admin/products/[id]/page";
import { GET as productFileRoute } from "@/app/admin/products/[id]/files/[fileId]/route";
import { GET as productImageRoute } from "@/app/admin/products/[id]/image/route";
import EditSessionTypePage from "@/app/admin/session-types/[id]/page";
import { GET as availabilityRoute } from "@/app/api/availability/route";
import { POST as bookingsRoute } from "@/app/api/bookings/route";
import { listCustomers } from "@/lib/admin/customers/list-customers";
import { listBookingsForCoach } from "@/lib/admin/list-bookings-for-coach";
import { listOrdersForCoach } from "@/lib/admin/orders/list-orders-for-coach";
import { setProductImage } from "@/lib/admin/products/set-product-image";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createBooking } from "@/lib/booking/create-booking";
import { getAvailability } from "@/lib/booking/get-availability";
import { getSessionType } from "@/lib/catalogue/get-session-type";
import { getDb } from "@/lib/db/client";
import { createDownloadLink } from "@/lib/downloads/create-download-link";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { idle } from "@/lib/http/action-state";
import { getCheckoutSummary } from "@/lib/payments/get-checkout-summary";
import { createCartToken } from "@/lib/shop/cart-token";
import { getProduct } from "@/lib/shop/get-product";
import { getStorage } from "@/lib/storage/get-storage";
import { addDays } from "@/lib/time/zone";
import { createUser, seedPractice, tokenOf } from "../helpers/booking";
import { failure } from "../helpers/errors";
import { jsonRequest, patchNextHeadersForRequire, withRequest } from "../helpers/request-scope";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

const APP = "http://localhost:3000";
const NUL = "\u0000";
let database: TestDatabase;
let restoreNextHeaders: () => void;
let coach: CurrentUser;
let client: CurrentUser;
let productId: string;
let productSlug: string;

beforeAll(async () => {
  restoreNextHeaders = patchNextHeadersForRequire();
  database = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: database.url, AUTH_SECRET: randomBytes(32).toString("hex") });
  ({ coach } = await seedPractice(database.db));
  client = await createUser(database.db, { email: "client@example.com", role: "CLIENT" });
  const product = await database.db.product.findFirstOrThrow({ where: { slug: "rejection-sensitivity-journal" }, select: { id: true, slug: true } });
  ({ id: productId, slug: productSlug } = product);
});

afterAll(async () => {
  restoreNextHeaders?.();
  await getDb().$disconnect();
  await database?.drop();
  rmSync(storageDir, { recursive: true, force: true });
});

/** A database session for `user`, as the Cookie header a signed-in browser sends. */
async function sessionCookie(user: CurrentUser): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await database.db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
  return `next-auth.session-token=${sessionToken}`;
}

function requestFor(url: string, cookie?: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}) {
  return new NextRequest(`${APP}${url}`, { ...init, headers: { "x-forwarded-for": "203.0.113.7", ...init.headers, ...(cookie ? { cookie } : {}) } });
}

/** The page's HTML as text, rendered in the request (its cookies and headers). */
async function renderText(request: NextRequest, page: () => Promise<ReactElement>): Promise<string> {
  const html = await withRequest(request, async () => renderToStaticMarkup(await page()));
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

/** The digest of Next's control-flow error (notFound, redirect) that `run` throws; fails on anything else. */
async function controlFlow(request: NextRequest, run: () => Promise<unknown>): Promise<string> {
  const error = await withRequest(request, run).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  const digest = (error as { digest?: unknown } | undefined)?.digest;
  if (typeof digest !== "string") throw new Error(`expected notFound() or redirect(), got ${String(error)}`);
  return digest;
}

const NOT_FOUND = "NEXT_HTTP_ERROR_FALLBACK;404";
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("a URL's message code that is an inherited name (__proto__)", () => {
  it("shows the sign-in page with the general problem", async () => {
    const text = await renderText(requestFor("/signin?error=__proto__"), () => SignInPage({ searchParams: Promise.resolve({ error: "__proto__" }) }));
    expect(text).toContain("Something went wrong on our side while signing you in.");
  });

  it("shows the product page with the general problem", async () => {
    const text = await renderText(requestFor(`/shop/${productSlug}?problem=__proto__`), () =>
      ProductPage({ params: Promise.resolve({ slug: productSlug }), searchParams: Promise.resolve({ problem: "__proto__" }) }),
    );
    expect(text).toContain("work just now. Please try again.");
  });

  it("shows the library without a notice", async () => {
    const request = requestFor("/account/library?notice=__proto__", await sessionCookie(client));
    const text = await renderText(request, () => LibraryPage({ searchParams: Promise.resolve({ notice: "__proto__" }) }));
    expect(text).toContain("Your library");
    expect(text).not.toContain("[object Object]");
  });
});

describe("a NUL character (%00) where the database would be asked", () => {
  it("is the calm 404 for a product page and a test checkout page, and not found for the domain functions", async () => {
    expect(await controlFlow(requestFor("/shop/%00"), () => ProductPage({ params: Promise.resolve({ slug: NUL }), searchParams: Promise.resolve({}) }))).toBe(NOT_FOUND);
    expect(await controlFlow(requestFor("/checkout/test/%00"), () => TestCheckoutPage({ params: Promise.resolve({ checkoutId: `cs_${NUL}` }) }))).toBe(NOT_FOUND);
    const { db } = database;
    expect(await failure(getProduct({ db, slug: `a${NUL}` }))).toBeInstanceOf(NotFoundError);
    expect(await failure(getSessionType({ db, slug: `intro-call${NUL}` }))).toBeInstanceOf(NotFoundError);
    expect(await failure(getCheckoutSummary({ db, checkoutId: NUL }))).toBeInstanceOf(NotFoundError);
    expect(await failure(createDownloadLink({ db, user: client, entitlementId: NUL, productFileId: "x" }))).toBeInstanceOf(NotFoundError);
  });

  it("sends the library's download form back with the not-found notice", async () => {
    const request = requestFor("/account/library/download", await sessionCookie(client), {
      method: "POST",
      body: new URLSearchParams({ entitlementId: `e${NUL}`, productFileId: `f${NUL}` }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const response = await withRequest(request, () => libraryDownload(request));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/account/library?notice=not_found");
  });

  it("leaves the cart's forms where they were: add goes back to the product, change and remove to the cart", async () => {
    // A cart, so that changing a line would look the product up.
    const { token, hash } = createCartToken();
    await database.db.cart.create({ data: { tokenHash: hash, items: { create: { productId, quantity: 1 } } } });
    const request = requestFor("/cart", `cart=${token}`, { method: "POST" });
    const added = await controlFlow(request, () => addToCartAction(form({ productId: `${productId}${NUL}`, slug: productSlug })));
    expect(added).toMatch(new RegExp(`^NEXT_REDIRECT;[a-z]+;/shop/${productSlug};`));
    expect(await controlFlow(request, () => updateQuantityAction(form({ productId: `${productId}${NUL}`, quantity: "2" })))).toMatch(/^NEXT_REDIRECT;[a-z]+;\/cart;/);
    expect(await controlFlow(request, () => removeFromCartAction(form({ productId: `${productId}${NUL}` })))).toMatch(/^NEXT_REDIRECT;[a-z]+;\/cart\?removed=1;/);
    expect(await database.db.cartItem.findMany({ where: { cart: { tokenHash: hash } }, select: { productId: true, quantity: true } })).toEqual([{ productId, quantity: 1 }]);
  });

  it("answers a form action (the discount code) with an invalid_input state", async () => {
    const { token, hash } = createCartToken();
    await database.db.cart.create({ data: { tokenHash: hash, items: { create: { productId, quantity: 1 } } } });
    const request = requestFor("/cart", `cart=${token}`, { method: "POST" });
    const state = await withRequest(request, () => applyCouponAction(idle, form({ code: `WELCOME${NUL}` })));
    expect(state).toMatchObject({ status: "error", code: "invalid_input", message: expect.stringContaining("character, date or number") });
  });

  it("is refused with the field named by the coach's list filters", async () => {
    const { db } = database;
    for (const list of [
      () => listOrdersForCoach({ db, actor: coach, filters: { email: `a${NUL}` } }),
      () => listBookingsForCoach({ db, actor: coach, filters: { search: `a${NUL}` } }),
      () => listCustomers({ db, actor: coach, filters: { search: `a${NUL}` } }),
    ]) {
      const error = await failure(list());
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(Object.values((error as InvalidInputError).fields)).toEqual(["This contains a hidden control character. Please type it again."]);
    }
  });

  it("is a 400 in the error shape from the JSON API, whether Prisma or the pool asked", async () => {
    const today = new Date().toISOString().slice(0, 10);
    // Availability reads the schedule straight through the pg pool; booking through Prisma.
    const availability = await availabilityRoute(
      requestFor(`/api/availability?${new URLSearchParams({ sessionType: `intro-call${NUL}`, from: today, to: addDays(today, 6), timeZone: "UTC" })}`),
      { params: Promise.resolve({}) },
    );
    expect(availability.status).toBe(400);
    expect(await availability.json()).toEqual({ error: { code: "invalid_input", message: expect.stringContaining("character, date or number") } });

    const request = jsonRequest(`${APP}/api/bookings`, { sessionType: `intro-call${NUL}`, start: `${addDays(today, 3)}T10:00:00Z`, name: "Sam", email: "sam@example.com", timeZone: "UTC" }, { "x-forwarded-for": "203.0.113.8" });
    const booking = await withRequest(request, () => bookingsRoute(request, { params: Promise.resolve({}) }));
    expect(booking.status).toBe(400);
    expect(((await booking.json()) as { error: { code: string } }).error.code).toBe("invalid_input");
  });
});

describe("the coach's detail pages with an id that can't be one", () => {
  const pages: Array<[string, (id: string) => Promise<unknown>]> = [
    ["orders", (id) => OrderPage({ params: Promise.resolve({ id }) })],
    ["products", (id) => EditProductPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) })],
    ["outbox", (id) => OutboxMessagePage({ params: Promise.resolve({ id }) })],
    ["session-types", (id) => EditSessionTypePage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) })],
    ["bookings", (id) => BookingPage({ params: Promise.resolve({ id }) })],
  ];

  it.each(pages)("/admin/%s/[id] is the calm 404 for an id over 100 characters or with a NUL", async (area, page) => {
    const cookie = await sessionCookie(coach);
    for (const id of ["x".repeat(101), `abc${NUL}`]) {
      expect(await controlFlow(requestFor(`/admin/${area}/${encodeURIComponent(id)}`, cookie), () => page(id))).toBe(NOT_FOUND);
    }
  });

  it("/admin/customers/[key] is the calm 404 for a key over 320 characters or with a NUL", async () => {
    const cookie = await sessionCookie(coach);
    for (const key of [`${"x".repeat(320)}@example.com`, `sam${NUL}@example.com`, `user${NUL}`]) {
      expect(await controlFlow(requestFor("/admin/customers/x", cookie), () => CustomerPage({ params: Promise.resolve({ key }) }))).toBe(NOT_FOUND);
    }
  });
});

describe("dates and times far outside the calendar", () => {
  const getAvailabilityResponse = (query: Record<string, string>) =>
    availabilityRoute(requestFor(`/api/availability?${new URLSearchParams({ sessionType: "intro-call", timeZone: "UTC", ...query })}`), { params: Promise.resolve({}) });
  const YEARS = "Please give a date in the years 2000 to 2100.";

  it("GET /api/availability answers 400 naming from and to", async () => {
    const early = await getAvailabilityResponse({ from: "0001-01-01", to: "0001-01-02" });
    expect(early.status).toBe(400);
    expect(await early.json()).toEqual({ error: { code: "invalid_input", message: "Some query parameters need another look.", fields: { from: YEARS, to: YEARS } } });
    const late = await getAvailabilityResponse({ from: "9999-10-31", to: "9999-12-31" });
    expect(late.status).toBe(400);
    expect(((await late.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ from: YEARS, to: YEARS });
    // The edges of the range still work.
    expect((await getAvailabilityResponse({ from: "2100-12-01", to: "2100-12-31" })).status).toBe(200);
  });

  it("POST /api/bookings answers 400 naming start", async () => {
    for (const start of ["0001-01-01T00:00:00Z", "9999-12-31T23:00:00Z", "1999-12-31T23:59:59Z", "2101-01-01T00:00:00Z"]) {
      const request = jsonRequest(`${APP}/api/bookings`, { sessionType: "intro-call", start, name: "Sam Rivera", email: "range@example.com", timeZone: "UTC" }, { "x-forwarded-for": "203.0.113.9" });
      const response = await withRequest(request, () => bookingsRoute(request, { params: Promise.resolve({}) }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
        start: "Please choose one of the times offered (an ISO-8601 time such as 2026-03-03T14:00:00Z).",
      });
    }
  });

  it("the manage page's reschedule answers with the start field", async () => {
    const { db } = database;
    const today = new Date().toISOString().slice(0, 10);
    // Days ahead, so the booking is well before its change cutoff and a valid new time would be tried.
    const { days } = await getAvailability({ db, sessionTypeSlug: "intro-call", from: addDays(today, 4), to: addDays(today, 25), timeZone: "UTC" });
    const created = await createBooking({ db, sessionTypeSlug: "intro-call", start: new Date(days[0].slots[0].start), name: "Sam Rivera", email: "move@example.com", timeZone: "UTC" });
    const token = tokenOf(created.booking.manageUrl);
    for (const start of ["0001-01-01T00:00:00Z", "9999-12-31T23:00:00Z"]) {
      const state = await withRequest(requestFor(`/manage/${token}`, undefined, { method: "POST" }), () => rescheduleBookingAction(idle, form({ token, start })));
      expect(state).toMatchObject({ status: "error", code: "invalid_input", fields: { start: "Please choose a new time from the list." } });
    }
    expect((await db.booking.findUniqueOrThrow({ where: { id: created.booking.id } })).startsAt.toISOString()).toBe(created.booking.start);
  });
});

describe("the coach's file routes when the stored file is missing", () => {
  const pngBytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

  async function removeStored(storageKey: string) {
    await getStorage().remove(storageKey);
  }

  it("answers 503 file_unavailable for a product's file, not a 200 that breaks", async () => {
    const productFile = await database.db.productFile.findFirstOrThrow({ where: { productId }, include: { file: true } });
    await removeStored(productFile.file.storageKey);
    const request = requestFor(`/admin/products/${productId}/files/${productFile.id}`, await sessionCookie(coach));
    const response = await withRequest(request, () => productFileRoute(request, { params: Promise.resolve({ id: productId, fileId: productFile.id }) }));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("file_unavailable");
  });

  it("answers 503 file_unavailable for a product's image", async () => {
    const { image } = await setProductImage({ db: database.db, actor: coach, productId, source: Readable.from([pngBytes]), fileName: "cover.png", storage: getStorage() });
    const stored = await database.db.storedFile.findUniqueOrThrow({ where: { id: image.id } });
    await removeStored(stored.storageKey);
    const request = requestFor(`/admin/products/${productId}/image`, await sessionCookie(coach));
    const response = await withRequest(request, () => productImageRoute(request, { params: Promise.resolve({ id: productId }) }));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("file_unavailable");
  });
});
