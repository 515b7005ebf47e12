import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBookingForCoach } from "@/lib/admin/get-booking-for-coach";
import { listBookingsForCoach } from "@/lib/admin/list-bookings-for-coach";
import { markBookingOutcome } from "@/lib/admin/mark-booking-outcome";
import type { CurrentUser } from "@/lib/auth/current-user";
import { seedDatabase } from "@/lib/db/seed";
import { AuthRequiredError, ConflictError, ForbiddenError, InvalidInputError, NotFoundError, RuleViolationError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let coach: CurrentUser;
let client: CurrentUser;
const select = { id: true, email: true, name: true, role: true } as const;
const now = new Date("2026-03-20T12:00:00Z");
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await seedDatabase(db, { coachEmail: "coach@example.com" });
  coach = await db.user.findUniqueOrThrow({ where: { email: "coach@example.com" }, select });
  client = await db.user.create({ data: { email: "client@example.com", role: "CLIENT" }, select });
  const strategy = await db.sessionType.findUniqueOrThrow({ where: { slug: "strategy-session" }, select: { id: true } });
  const rows: Array<[string, string, string, "HELD" | "CONFIRMED" | "CANCELLED" | "COMPLETED", string]> = [
    // key, name, email, status, start (UTC)
    ["pastConfirmed", "Ada Lovelace", "ada@example.com", "CONFIRMED", "2026-03-18T10:00:00Z"],
    ["startedConfirmed", "Grace Hopper", "grace@example.com", "CONFIRMED", "2026-03-20T11:30:00Z"],
    ["futureConfirmed", "Alan Turing", "alan@example.com", "CONFIRMED", "2026-03-24T10:00:00Z"],
    ["futureHeld", "Katherine Johnson", "kj@example.com", "HELD", "2026-03-25T10:00:00Z"],
    ["pastCancelled", "Ada Byron", "ada.b@example.com", "CANCELLED", "2026-03-17T10:00:00Z"],
    ["pastCompleted", "Mary Somerville", "mary@example.com", "COMPLETED", "2026-03-16T10:00:00Z"],
    // 23:30 London on 28 March (GMT): still the 28th for the coach; 29 March is the change day.
    ["lateEvening", "Night Owl", "owl@example.com", "CONFIRMED", "2026-03-28T23:30:00Z"],
  ];
  for (const [key, clientName, clientEmail, status, start] of rows) {
    const startsAt = new Date(start);
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    const booking = await db.booking.create({
      data: {
        coachId: coach.id,
        sessionTypeId: strategy.id,
        clientName,
        clientEmail,
        clientTimeZone: "America/New_York",
        status,
        startsAt,
        endsAt,
        blockedFrom: new Date(startsAt.getTime() - 600_000),
        blockedUntil: new Date(endsAt.getTime() + 900_000),
        holdExpiresAt: status === "HELD" ? new Date(now.getTime() + 600_000) : null,
        manageTokenHash: `hash-${key}`,
        priceCents: 9500,
        currency: "GBP",
        answers: { focus: "Finishing my thesis", format: "Video call", retired: "An old answer" },
      },
      select: { id: true },
    });
    ids[key] = booking.id;
  }
});

afterAll(async () => {
  await database?.drop();
});

describe("listBookingsForCoach", () => {
  it("lists upcoming (soonest first, including a session under way) and past (latest first)", async () => {
    const { db } = database;
    const upcoming = await listBookingsForCoach({ db, actor: coach, now });
    expect(upcoming.bookings.map((b) => b.clientName)).toEqual(["Grace Hopper", "Alan Turing", "Katherine Johnson", "Night Owl"]);
    expect(upcoming).toMatchObject({ total: 4, page: 1, pageCount: 1, timeZone: "Europe/London" });
    expect(upcoming.bookings[0].sessionType).toEqual({ id: expect.any(String), title: "One-on-one strategy session", slug: "strategy-session" });
    const past = await listBookingsForCoach({ db, actor: coach, now, filters: { scope: "past" } });
    expect(past.bookings.map((b) => b.clientName)).toEqual(["Ada Lovelace", "Ada Byron", "Mary Somerville"]);
  });

  it("filters by status, by the coach's calendar dates and by part of a name or email", async () => {
    const { db } = database;
    const names = async (filters: Parameters<typeof listBookingsForCoach>[0]["filters"]) =>
      (await listBookingsForCoach({ db, actor: coach, now, filters })).bookings.map((b) => b.clientName);
    expect(await names({ scope: "past", status: "CANCELLED" })).toEqual(["Ada Byron"]);
    expect(await names({ scope: "upcoming", status: "HELD" })).toEqual(["Katherine Johnson"]);
    expect(await names({ scope: "past", search: "ADA" })).toEqual(["Ada Lovelace", "Ada Byron"]);
    expect(await names({ scope: "upcoming", search: "alan@" })).toEqual(["Alan Turing"]);
    // 23:30 UTC on 28 March is 23:30 GMT: the 28th on the coach's calendar, not the 29th.
    expect(await names({ scope: "upcoming", from: "2026-03-28", to: "2026-03-28" })).toEqual(["Night Owl"]);
    expect(await names({ scope: "upcoming", from: "2026-03-29", to: "2026-03-29" })).toEqual([]);
    expect(await names({ scope: "upcoming", from: "2026-03-24", to: "2026-03-25" })).toEqual(["Alan Turing", "Katherine Johnson"]);
  });

  it("rejects malformed filters, pages past the end show the last page, and it is for the coach only", async () => {
    const { db } = database;
    await expect(listBookingsForCoach({ db, actor: coach, now, filters: { from: "2026-03-30", to: "2026-03-01" } })).rejects.toThrow(InvalidInputError);
    await expect(listBookingsForCoach({ db, actor: coach, now, filters: { status: "LOST" as "HELD" } })).rejects.toThrow(InvalidInputError);
    expect((await listBookingsForCoach({ db, actor: coach, now, filters: { page: 7 } })).page).toBe(1);
    await expect(listBookingsForCoach({ db, actor: null, now })).rejects.toThrow(AuthRequiredError);
    await expect(listBookingsForCoach({ db, actor: client, now })).rejects.toThrow(ForbiddenError);
    const other = await db.user.create({ data: { email: "second.coach@example.com", role: "COACH" }, select });
    expect((await listBookingsForCoach({ db, actor: other, now })).total).toBe(0);
  });
});

describe("getBookingForCoach", () => {
  it("shows the answers next to their questions, keeping answers to retired questions", async () => {
    const { booking, timeZone } = await getBookingForCoach({ db: database.db, actor: coach, id: ids.futureConfirmed });
    expect(timeZone).toBe("Europe/London");
    expect(booking).toMatchObject({ clientName: "Alan Turing", clientTimeZone: "America/New_York", status: "CONFIRMED" });
    expect(booking.answers).toEqual([
      { id: "focus", question: "What would you like us to focus on?", answer: "Finishing my thesis" },
      { id: "format", question: "How do you prefer to meet?", answer: "Video call" },
      { id: "retired", question: "retired", answer: "An old answer" },
    ]);
    await expect(getBookingForCoach({ db: database.db, actor: coach, id: "missing" })).rejects.toThrow(NotFoundError);
    await expect(getBookingForCoach({ db: database.db, actor: client, id: ids.futureConfirmed })).rejects.toThrow(ForbiddenError);
    await expect(getBookingForCoach({ db: database.db, actor: null, id: ids.futureConfirmed })).rejects.toThrow(AuthRequiredError);
  });
});

describe("markBookingOutcome", () => {
  const status = async (key: string) => (await database.db.booking.findUniqueOrThrow({ where: { id: ids[key] }, select: { status: true } })).status;

  it("marks a confirmed session that has started, once, with an audit row", async () => {
    const { db } = database;
    expect(await markBookingOutcome({ db, actor: coach, bookingId: ids.startedConfirmed, outcome: "NO_SHOW", now })).toEqual({ bookingId: ids.startedConfirmed, status: "NO_SHOW" });
    expect(await status("startedConfirmed")).toBe("NO_SHOW");
    // A second click (or a change of mind) finds it no longer CONFIRMED.
    const again = await markBookingOutcome({ db, actor: coach, bookingId: ids.startedConfirmed, outcome: "COMPLETED", now }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as ConflictError).message).toMatch(/already marked as a no-show/);
    expect(await status("startedConfirmed")).toBe("NO_SHOW");

    await markBookingOutcome({ db, actor: coach, bookingId: ids.pastConfirmed, outcome: "COMPLETED", now });
    expect(await status("pastConfirmed")).toBe("COMPLETED");
    const audit = await db.auditLog.findMany({ where: { entityType: "booking" }, orderBy: { createdAt: "asc" }, select: { action: true, entityId: true, actorId: true } });
    expect(audit).toEqual([
      { action: "booking.no_show", entityId: ids.startedConfirmed, actorId: coach.id },
      { action: "booking.completed", entityId: ids.pastConfirmed, actorId: coach.id },
    ]);
  });

  it("refuses sessions that have not started, are not confirmed, or are unknown, and changes nothing", async () => {
    const { db } = database;
    await expect(markBookingOutcome({ db, actor: coach, bookingId: ids.futureConfirmed, outcome: "COMPLETED", now })).rejects.toThrow(RuleViolationError);
    await expect(markBookingOutcome({ db, actor: coach, bookingId: ids.pastCancelled, outcome: "NO_SHOW", now })).rejects.toThrow(ConflictError);
    await expect(markBookingOutcome({ db, actor: coach, bookingId: ids.futureHeld, outcome: "COMPLETED", now: new Date("2026-03-26T00:00:00Z") })).rejects.toThrow(ConflictError);
    await expect(markBookingOutcome({ db, actor: coach, bookingId: "missing", outcome: "COMPLETED", now })).rejects.toThrow(NotFoundError);
    await expect(markBookingOutcome({ db, actor: coach, bookingId: ids.futureConfirmed, outcome: "CANCELLED" as "COMPLETED", now })).rejects.toThrow(InvalidInputError);
    expect(await status("futureConfirmed")).toBe("CONFIRMED");
    expect(await status("pastCancelled")).toBe("CANCELLED");
    expect(await status("futureHeld")).toBe("HELD");
  });

  it("is for the coach who owns the booking only", async () => {
    const { db } = database;
    const later = new Date("2026-03-25T00:00:00Z");
    await expect(markBookingOutcome({ db, actor: null, bookingId: ids.futureConfirmed, outcome: "COMPLETED", now: later })).rejects.toThrow(AuthRequiredError);
    await expect(markBookingOutcome({ db, actor: client, bookingId: ids.futureConfirmed, outcome: "COMPLETED", now: later })).rejects.toThrow(ForbiddenError);
    const other = await db.user.create({ data: { email: "third.coach@example.com", role: "COACH" }, select });
    await expect(markBookingOutcome({ db, actor: other, bookingId: ids.futureConfirmed, outcome: "COMPLETED", now: later })).rejects.toThrow(NotFoundError);
    expect(await status("futureConfirmed")).toBe("CONFIRMED");
  });

  it("lets exactly one of two simultaneous marks win", async () => {
    const { db } = database;
    const later = new Date("2026-03-25T00:00:00Z");
    const results = await Promise.allSettled([
      markBookingOutcome({ db, actor: coach, bookingId: ids.futureConfirmed, outcome: "COMPLETED", now: later }),
      markBookingOutcome({ db, actor: coach, bookingId: ids.futureConfirmed, outcome: "NO_SHOW", now: later }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(ConflictError)]);
    expect(await db.auditLog.count({ where: { entityId: ids.futureConfirmed } })).toBe(1);
  });
});
