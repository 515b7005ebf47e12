import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/jobs/boss", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/jobs/boss")>()),
  sendJobs: async () => {},
}));

import { cancelBooking } from "@/lib/booking/cancel-booking";
import { createBooking } from "@/lib/booking/create-booking";
import { rescheduleBooking } from "@/lib/booking/reschedule-booking";
import { AppError } from "@/lib/errors";
import { addDays, wallClockToInstant } from "@/lib/time/zone";
import { seedPractice, tokenOf } from "../helpers/booking";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// Real concurrency needs real PostgreSQL: PGlite runs one statement at a time, so it can never show
// a race (ENVIRONMENT.md). Run with TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres.
const onServer = Boolean(process.env.TEST_DATABASE_URL);
if (!onServer) console.log("booking-races: skipped, these need a PostgreSQL server (set TEST_DATABASE_URL); PGlite cannot run statements concurrently.");

const NOW = new Date("2026-06-01T06:00:00Z");
const ZONE = "Europe/London";
/** 10:00 (plus `minutes`) in London on the date `days` after 2 June 2026. */
const london = (days: number, minutes = 600) => new Date(wallClockToInstant(addDays("2026-06-02", days), minutes, ZONE));

let database: TestDatabase;

(onServer ? describe : describe.skip)("booking races on PostgreSQL", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    const { coach } = await seedPractice(database.db);
    const { db } = database;
    // Open every day 00:00-01:00, 08:00-20:00 and 23:00-24:00, with free session types of simple rules.
    await db.availabilityRule.deleteMany({});
    await db.availabilityRule.createMany({
      data: [
        [0, 60],
        [8 * 60, 20 * 60],
        [23 * 60, 24 * 60],
      ].flatMap(([startMinute, endMinute]) =>
        Array.from({ length: 7 }, (_, i) => ({ coachId: coach.id, weekday: i + 1, startMinute, endMinute, timeZone: ZONE })),
      ),
    });
    const common = { coachId: coach.id, description: "Race test", bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 365, priceCents: 0, currency: "GBP" };
    await db.sessionType.createMany({
      data: [
        { ...common, slug: "hour", title: "An hour", durationMinutes: 60, slotIntervalMinutes: 30 },
        { ...common, slug: "capped", title: "Capped", durationMinutes: 30, maxPerDay: 3 },
        { ...common, slug: "late", title: "Late, with an hour after", durationMinutes: 60, bufferAfterMinutes: 60 },
      ],
    });
  });

  afterAll(async () => {
    await database?.drop();
  });

  const attempt = (slug: string, start: Date, i: number) =>
    createBooking({ db: database.db, sessionTypeSlug: slug, start, name: `Racer ${i}`, email: `racer${i}@example.com`, timeZone: ZONE, now: NOW });

  function tally(results: PromiseSettledResult<unknown>[]) {
    const codes = results.map((result) => {
      if (result.status === "fulfilled") return "booked";
      if (result.reason instanceof AppError) return result.reason.code;
      throw result.reason;
    });
    return { booked: codes.filter((code) => code === "booked").length, refused: codes.filter((code) => code === "slot_unavailable").length, codes };
  }

  it("50 simultaneous requests for one slot: exactly one booking, 49 slot_unavailable with alternatives", async () => {
    const start = london(0);
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => attempt("hour", start, i)));
    const { booked, refused } = tally(results);
    expect({ booked, refused }).toEqual({ booked: 1, refused: 49 });
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as AppError).details.alternatives).toHaveLength(5);
    }
    expect(await database.db.booking.count({ where: { startsAt: start, status: "CONFIRMED" } })).toBe(1);
    // Exactly one booking's emails were written: the losers' transactions left nothing behind.
    expect(await database.db.emailMessage.count({ where: { template: "booking-confirmed-client" } })).toBe(1);
  });

  it("60-minute sessions at 10:00 and 10:30 at the same moment: exactly one, 20 rounds out of 20", async () => {
    for (let round = 1; round <= 20; round++) {
      const results = await Promise.allSettled([attempt("hour", london(round, 600), 2 * round), attempt("hour", london(round, 630), 2 * round + 1)]);
      const { booked, refused } = tally(results);
      expect({ round, booked, refused }).toEqual({ round, booked: 1, refused: 1 });
      const onDay = await database.db.booking.count({ where: { status: "CONFIRMED", startsAt: { gte: london(round, 0), lt: london(round + 1, 0) } } });
      expect(onDay).toBe(1);
    }
  });

  it("a daily cap of 3 holds when 20 different times of one day are booked at once", async () => {
    const day = 30;
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => attempt("capped", london(day, 8 * 60 + 30 * i), 100 + i)));
    expect(tally(results)).toMatchObject({ booked: 3, refused: 17 });
    expect(await database.db.booking.count({ where: { sessionType: { slug: "capped" }, startsAt: { gte: london(day, 0), lt: london(day + 1, 0) } } })).toBe(3);
  });

  it("sessions on two dates whose buffer overlaps across midnight (different date locks): the constraint lets one in, 20 rounds", async () => {
    for (let round = 0; round < 20; round++) {
      const day = 100 + round;
      // 23:00-24:00 plus an hour after, against 00:00-01:00 the next day.
      const results = await Promise.allSettled([attempt("late", london(day, 23 * 60), 500 + round), attempt("late", london(day + 1, 0), 600 + round)]);
      const { booked, refused } = tally(results);
      expect({ round, booked, refused }).toEqual({ round, booked: 1, refused: 1 });
    }
  });

  it("a reschedule and a new booking racing for the same slot: exactly one wins, and the loser's booking keeps its time", async () => {
    for (let round = 0; round < 10; round++) {
      const day = 40 + round;
      const { booking } = await attempt("hour", london(day, 9 * 60), 200 + round);
      const target = london(day, 14 * 60);
      const [moved, created] = await Promise.allSettled([
        rescheduleBooking({ db: database.db, token: tokenOf(booking.manageUrl), newStart: target, now: NOW }),
        attempt("hour", target, 300 + round),
      ]);
      const winners = [moved, created].filter((result) => result.status === "fulfilled");
      expect({ round, winners: winners.length }).toEqual({ round, winners: 1 });
      for (const result of [moved, created]) {
        if (result.status === "rejected") expect((result.reason as AppError).code).toBe("slot_unavailable");
      }
      expect(await database.db.booking.count({ where: { startsAt: target, status: "CONFIRMED" } })).toBe(1);
      const original = await database.db.booking.findUniqueOrThrow({ where: { id: booking.id }, select: { startsAt: true } });
      expect(original.startsAt).toEqual(moved.status === "fulfilled" ? target : london(day, 9 * 60));
    }
  });

  it("five simultaneous cancels of one booking: one cancellation, one pair of emails", async () => {
    const { booking } = await attempt("hour", london(60), 400);
    const token = tokenOf(booking.manageUrl);
    const before = await database.db.emailMessage.count();
    const results = await Promise.all(Array.from({ length: 5 }, () => cancelBooking({ db: database.db, token, now: NOW })));
    expect(results).toEqual(Array.from({ length: 5 }, () => ({ id: booking.id, status: "CANCELLED" })));
    expect(await database.db.emailMessage.count()).toBe(before + 2);
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).sequence).toBe(1);
  });
});
