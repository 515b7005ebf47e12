import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../helpers/request-scope")).nextHeaders);
// No worker runs here: delivery and reminder jobs are dropped (the outbox rows are what count).
vi.mock("@/lib/jobs/boss", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/jobs/boss")>()),
  sendJobs: async () => {},
}));

import { GET as availabilityRoute } from "@/app/api/availability/route";
import { POST as bookingsRoute } from "@/app/api/bookings/route";
import { getDb } from "@/lib/db/client";
import { addDays } from "@/lib/time/zone";
import { seedPractice } from "../helpers/booking";
import { jsonRequest, patchNextHeadersForRequire, withRequest } from "../helpers/request-scope";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The route handlers with real requests against a real database, on the real clock (the routes do
// not take a `now`), so the slots used are whatever GET /api/availability offers today.

const APP = "http://localhost:3000";
let database: TestDatabase;
let restoreNextHeaders: () => void;

beforeAll(async () => {
  restoreNextHeaders = patchNextHeadersForRequire();
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = randomBytes(32).toString("hex");
  await seedPractice(database.db);
});

afterAll(async () => {
  restoreNextHeaders?.();
  await getDb().$disconnect();
  await database?.drop();
});

const noParams = { params: Promise.resolve({}) };
type Slot = { start: string; end: string };
type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string>; alternatives?: Slot[] } };

function getAvailability(query: Record<string, string>) {
  const url = `${APP}/api/availability?${new URLSearchParams(query)}`;
  return availabilityRoute(new NextRequest(url), noParams);
}

function postBooking(body: unknown, ip = "203.0.113.10") {
  const request = jsonRequest(`${APP}/api/bookings`, body, { "x-forwarded-for": ip });
  return withRequest(request, () => bookingsRoute(request, noParams));
}

const today = new Date().toISOString().slice(0, 10);
const fortnight = { sessionType: "intro-call", from: today, to: addDays(today, 13), timeZone: "America/New_York" };

async function freeSlots(): Promise<Slot[]> {
  const body = (await (await getAvailability(fortnight)).json()) as { days: Array<{ slots: Slot[] }> };
  return body.days.flatMap((day) => day.slots);
}

const details = (start: string, email: string) => ({ sessionType: "intro-call", start, name: "Sam Rivera", email, timeZone: "America/New_York" });

describe("GET /api/availability", () => {
  it("answers 200 with exactly timeZone, sessionType and days, uncached", async () => {
    const response = await getAvailability(fortnight);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { timeZone: string; sessionType: unknown; days: Array<{ date: string; slots: Slot[] }> };
    expect(Object.keys(body)).toEqual(["timeZone", "sessionType", "days"]);
    expect(body.timeZone).toBe("America/New_York");
    expect(body.sessionType).toEqual({ slug: "intro-call", title: "Free 20-minute intro call", durationMinutes: 20, priceCents: 0, currency: "GBP" });
    // Four weekdays of opening hours fall in any fortnight.
    expect(body.days.length).toBeGreaterThanOrEqual(4);
    for (const day of body.days) {
      expect(day.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(day.slots.length).toBeGreaterThan(0);
      for (const slot of day.slots) {
        expect(slot.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
        expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(20 * 60_000);
      }
    }
  });

  it("answers 400 naming each missing or malformed parameter", async () => {
    const missing = await getAvailability({ from: today });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorJson).error).toEqual({
      code: "invalid_input",
      message: "Some query parameters need another look.",
      fields: {
        sessionType: "Please say which session type (its slug).",
        to: "Please give the last date as YYYY-MM-DD.",
        timeZone: "Please give an IANA time zone, such as Europe/London.",
      },
    });
    const malformed = await getAvailability({ ...fortnight, from: "03/03/2026", timeZone: "Mars/Olympus" });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorJson).error.fields).toEqual({
      from: "Please give the first date as YYYY-MM-DD.",
      timeZone: "Please give an IANA time zone, such as Europe/London.",
    });
    const tooLong = await getAvailability({ ...fortnight, to: addDays(today, 62) });
    expect(((await tooLong.json()) as ErrorJson).error.fields).toEqual({ to: "Please ask for at most 62 days at a time." });
  });

  it("answers 404 for an unknown session type", async () => {
    const response = await getAvailability({ ...fortnight, sessionType: "nope" });
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorJson).error.code).toBe("session_type_not_found");
  });
});

describe("POST /api/bookings", () => {
  it("answers 201 with the confirmed booking, then 409 with alternatives at the top level of error for the same time", async () => {
    const [slot] = await freeSlots();
    const response = await postBooking(details(slot.start, "route@example.com"));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { booking: Record<string, string>; checkoutUrl?: string };
    expect(body).toEqual({
      booking: { id: expect.any(String), status: "CONFIRMED", start: slot.start, end: slot.end, manageUrl: expect.stringMatching(/^http:\/\/localhost:3000\/manage\/[\w-]{43}$/) },
    });
    expect(await database.db.emailMessage.count({ where: { template: { startsWith: "booking-confirmed" } } })).toBe(2);

    const again = await postBooking(details(slot.start, "second@example.com"), "203.0.113.11");
    expect(again.status).toBe(409);
    const conflict = (await again.json()) as ErrorJson;
    expect(Object.keys(conflict.error)).toEqual(["code", "message", "alternatives"]);
    expect(conflict.error.code).toBe("slot_unavailable");
    expect(conflict.error.alternatives!.length).toBe(5);
    expect(conflict.error.alternatives![0].start > slot.start).toBe(true);
    expect(await freeSlots()).not.toContainEqual(slot);
  });

  it("answers 400 with fields for a malformed body, and for details the domain refuses", async () => {
    const [slot] = await freeSlots();
    const malformed = await postBooking({ sessionType: "intro-call", start: "next tuesday", email: 42 }, "203.0.113.12");
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorJson).error.fields).toEqual({
      start: "Please choose one of the times offered (an ISO-8601 time such as 2026-03-03T14:00:00Z).",
      name: "Please tell us your name, or what you'd like to be called.",
      email: "Please enter your email address.",
      timeZone: "Please choose your time zone from the list.",
    });
    const refused = await postBooking({ ...details(slot.start, "nobody"), name: " ", timeZone: "Nowhere" }, "203.0.113.12");
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as ErrorJson).error.fields).toEqual({
      name: "Please tell us your name, or what you'd like to be called.",
      email: "Please enter an email address like name@example.com.",
      timeZone: "Please choose your time zone from the list.",
    });
    const notJson = await bookingsRoute(
      new NextRequest(`${APP}/api/bookings`, { method: "POST", body: "{", headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.12" } }),
      noParams,
    );
    expect(notJson.status).toBe(400);
  });

  it("accepts JSON only: a form or text/plain post (what another site can send without asking) gets 415 and books nothing", async () => {
    const [slot] = await freeSlots();
    const before = await database.db.booking.count();
    const json = JSON.stringify(details(slot.start, "cross-site@example.com"));
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null]) {
      const headers: Record<string, string> = { "x-forwarded-for": "203.0.113.13" };
      if (contentType) headers["content-type"] = contentType;
      const response = await bookingsRoute(new NextRequest(`${APP}/api/bookings`, { method: "POST", body: json, headers }), noParams);
      expect(response.status, String(contentType)).toBe(415);
      expect(((await response.json()) as ErrorJson).error.code).toBe("unsupported_media_type");
    }
    expect(await database.db.booking.count()).toBe(before);
  });

  it("holds a paid session type and answers 201 with the checkout to pay at (test mode: no Stripe key)", async () => {
    const paidDays = (await (await getAvailability({ ...fortnight, sessionType: "strategy-session" })).json()) as { days: Array<{ slots: Slot[] }> };
    const [slot] = paidDays.days.flatMap((day) => day.slots);
    const response = await postBooking(
      { ...details(slot.start, "paid@example.com"), sessionType: "strategy-session", answers: { focus: "A stalled project", format: "Video call" } },
      "203.0.113.13",
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { booking: { id: string; status: string }; checkoutUrl: string };
    expect(body.booking.status).toBe("HELD");
    expect(body.checkoutUrl).toMatch(/\/checkout\/test\/test_cs_[0-9a-f]{32}$/);
    const order = await database.db.order.findFirstOrThrow({ where: { items: { some: { bookingId: body.booking.id } } }, select: { status: true, totalCents: true, provider: true } });
    expect(order).toEqual({ status: "PENDING", totalCents: 9500, provider: "TEST" });
  });

  it("allows 10 attempts per IP address in 10 minutes, then answers 429 with Retry-After", async () => {
    const ip = "198.51.100.77";
    for (let i = 0; i < 10; i++) {
      const response = await postBooking({ ...details("2020-01-01T10:00:00Z", `ip${i}@example.com`), sessionType: "nope" }, ip);
      expect(response.status).toBe(404);
    }
    const limited = await postBooking(details("2020-01-01T10:00:00Z", "ip10@example.com"), ip);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(((await limited.json()) as ErrorJson).error).toEqual({ code: "rate_limited", message: expect.stringMatching(/please wait about \d+ minutes? and try again/) });
  });

  it("allows 5 attempts per email address in an hour, from any network", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await postBooking({ ...details("2020-01-01T10:00:00Z", "Busy@Example.com"), sessionType: "nope" }, `192.0.2.${i}`)).status).toBe(404);
    }
    const limited = await postBooking(details("2020-01-01T10:00:00Z", "busy@example.com"), "192.0.2.99");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(3_600);
  });

  it("answers 413 payload_too_large for a body over 256 KB, declared or chunked, and reads the largest real booking whole", async () => {
    const oversized = JSON.stringify({ ...details("2020-01-01T10:00:00Z", "big@example.com"), name: "x".repeat(300 * 1024) });
    const withLength = jsonRequest(`${APP}/api/bookings`, JSON.parse(oversized), { "x-forwarded-for": "198.51.100.40", "content-length": String(oversized.length) });
    const declared = await withRequest(withLength, () => bookingsRoute(withLength, noParams));
    expect(declared.status).toBe(413);
    const bodyJson = (await declared.json()) as ErrorJson;
    expect(bodyJson).toEqual({ error: { code: "payload_too_large", message: expect.stringContaining("256 KB"), maxBytes: 256 * 1024 } });

    // The same bytes without Content-Length, in 8 KB pieces.
    const bytes = new TextEncoder().encode(oversized);
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (offset >= bytes.length) return controller.close();
          controller.enqueue(bytes.subarray(offset, (offset += 8 * 1024)));
        },
      },
      { highWaterMark: 0 },
    );
    const request = new NextRequest(`${APP}/api/bookings`, { method: "POST", body: stream, duplex: "half", headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.41" } } as ConstructorParameters<typeof NextRequest>[1]);
    const chunked = await withRequest(request, () => bookingsRoute(request, noParams));
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as ErrorJson).error.code).toBe("payload_too_large");
    expect(offset).toBeLessThan(bytes.length);

    // 20 intake answers of 2,000 three-byte characters (~120 KB): read and parsed (here: the session type is unknown).
    const answers = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`question-${i}`, "話".repeat(2_000)]));
    const largest = await postBooking({ ...details("2020-01-01T10:00:00Z", "long-answers@example.com"), sessionType: "no-such-type", answers }, "198.51.100.42");
    expect(largest.status).toBe(404);
  });
});
