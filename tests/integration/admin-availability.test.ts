import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addTimeOff } from "@/lib/availability/add-time-off";
import { getAvailabilityEditorData } from "@/lib/availability/get-availability-editor-data";
import { removeTimeOff } from "@/lib/availability/remove-time-off";
import { setDateOverride } from "@/lib/availability/set-date-override";
import { setWeeklyRules } from "@/lib/availability/set-weekly-rules";
import type { CurrentUser } from "@/lib/auth/current-user";
import { seedDatabase } from "@/lib/db/seed";
import { AuthRequiredError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let coach: CurrentUser;
let client: CurrentUser;
let seededRules: Array<{ coachId: string; weekday: number; startMinute: number; endMinute: number; timeZone: string }>;
const select = { id: true, email: true, name: true, role: true } as const;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.db, { coachEmail: "coach@example.com" });
  coach = await database.db.user.findUniqueOrThrow({ where: { email: "coach@example.com" }, select });
  client = await database.db.user.create({ data: { email: "client@example.com", role: "CLIENT" }, select });
  seededRules = await database.db.availabilityRule.findMany({ select: { coachId: true, weekday: true, startMinute: true, endMinute: true, timeZone: true } });
});

afterAll(async () => {
  await database?.drop();
});

beforeEach(async () => {
  // Each test starts from the seed's weekly hours, with no overrides, time off or audit rows.
  const { db } = database;
  await db.availabilityOverride.deleteMany();
  await db.timeOff.deleteMany();
  await db.booking.deleteMany();
  await db.auditLog.deleteMany();
  await db.availabilityRule.deleteMany();
  await db.availabilityRule.createMany({ data: seededRules });
});

async function weekday(day: number) {
  return database.db.availabilityRule.findMany({
    where: { coachId: coach.id, weekday: day },
    orderBy: { startMinute: "asc" },
    select: { startMinute: true, endMinute: true, timeZone: true },
  });
}

async function expectRejected(promise: Promise<unknown>, fields: Record<string, RegExp>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  const actual = (error as InvalidInputError).fields;
  expect(Object.keys(actual).sort()).toEqual(Object.keys(fields).sort());
  for (const [key, pattern] of Object.entries(fields)) expect(actual[key]).toMatch(pattern);
}

describe("setWeeklyRules", () => {
  it("replaces one weekday's hours atomically, stores the coach's zone and writes an audit row", async () => {
    expect(await weekday(1)).toEqual([
      { startMinute: 540, endMinute: 720, timeZone: "Europe/London" },
      { startMinute: 780, endMinute: 1020, timeZone: "Europe/London" },
    ]);
    const result = await setWeeklyRules({
      db: database.db,
      actor: coach,
      weekday: 1,
      intervals: [
        { startMinute: 14 * 60, endMinute: 18 * 60 },
        { startMinute: 8 * 60, endMinute: 12 * 60 },
      ],
    });
    expect(result.timeZone).toBe("Europe/London");
    expect(result.rules.map(({ startMinute, endMinute }) => [startMinute, endMinute])).toEqual([
      [480, 720],
      [840, 1080],
    ]);
    expect(await weekday(1)).toEqual([
      { startMinute: 480, endMinute: 720, timeZone: "Europe/London" },
      { startMinute: 840, endMinute: 1080, timeZone: "Europe/London" },
    ]);
    // Other weekdays are untouched.
    expect(await weekday(2)).toEqual([{ startMinute: 600, endMinute: 960, timeZone: "Europe/London" }]);
    const audit = await database.db.auditLog.findMany({ select: { actorId: true, action: true, entityType: true, entityId: true, data: true } });
    expect(audit).toEqual([
      {
        actorId: coach.id,
        action: "availability.weekly_hours_set",
        entityType: "coach_availability",
        entityId: coach.id,
        data: {
          weekday: 1,
          timeZone: "Europe/London",
          before: [
            { startMinute: 540, endMinute: 720 },
            { startMinute: 780, endMinute: 1020 },
          ],
          after: [
            { startMinute: 480, endMinute: 720 },
            { startMinute: 840, endMinute: 1080 },
          ],
        },
      },
    ]);
  });

  it("clears a weekday with an empty list and accepts a stretch until midnight and touching stretches", async () => {
    await setWeeklyRules({ db: database.db, actor: coach, weekday: 6, intervals: [] });
    expect(await weekday(6)).toEqual([]);
    await setWeeklyRules({
      db: database.db,
      actor: coach,
      weekday: 6,
      intervals: [
        { startMinute: 600, endMinute: 720 },
        { startMinute: 720, endMinute: 1440 },
      ],
    });
    expect((await weekday(6)).map((r) => [r.startMinute, r.endMinute])).toEqual([
      [600, 720],
      [720, 1440],
    ]);
  });

  it("rejects overlapping stretches, an end before the start and impossible minutes, naming each, and changes nothing", async () => {
    const before = await weekday(3);
    await expectRejected(
      setWeeklyRules({
        db: database.db,
        actor: coach,
        weekday: 3,
        intervals: [
          { startMinute: 540, endMinute: 720 },
          { startMinute: 660, endMinute: 780 },
        ],
      }),
      { "intervals.1.startMinute": /overlaps 09:00 to 12:00/i },
    );
    await expectRejected(setWeeklyRules({ db: database.db, actor: coach, weekday: 3, intervals: [{ startMinute: 720, endMinute: 600 }] }), {
      "intervals.0.endMinute": /must be later than the start/i,
    });
    await expectRejected(
      setWeeklyRules({
        db: database.db,
        actor: coach,
        weekday: 8,
        intervals: [
          { startMinute: -5, endMinute: 60 },
          { startMinute: 60, endMinute: 1441 },
          { startMinute: 90.5, endMinute: 100 },
        ],
      }),
      { weekday: /weekday/i, "intervals.0.startMinute": /00:00 or later/, "intervals.1.endMinute": /24:00/, "intervals.2.startMinute": /whole minutes/ },
    );
    expect(await weekday(3)).toEqual(before);
    expect(await database.db.auditLog.count()).toBe(0);
  });

  it("is for the coach only: a client or a signed-out visitor changes nothing", async () => {
    const before = await weekday(1);
    const change = { db: database.db, weekday: 1, intervals: [{ startMinute: 0, endMinute: 60 }] };
    await expect(setWeeklyRules({ ...change, actor: null })).rejects.toThrow(AuthRequiredError);
    await expect(setWeeklyRules({ ...change, actor: client })).rejects.toThrow(ForbiddenError);
    // A CLIENT actor claiming the coach's id is still a client.
    await expect(setWeeklyRules({ ...change, actor: { ...client, id: coach.id } })).rejects.toThrow(ForbiddenError);
    expect(await weekday(1)).toEqual(before);
    expect(await database.db.auditLog.count()).toBe(0);
  });

  it("keeps exactly one save's hours when saves of the same weekday race", async () => {
    // Eight saves at once, each a different single stretch: without the per-coach lock, deletes
    // and inserts interleave and several stretches survive (on PostgreSQL; PGlite runs them in turn).
    const saves = Array.from({ length: 8 }, (_, i) => ({ startMinute: 600 + i * 10, endMinute: 700 + i * 10 }));
    for (let round = 0; round < 3; round++) {
      await Promise.all(saves.map((interval) => setWeeklyRules({ db: database.db, actor: coach, weekday: 4, intervals: [interval] })));
      const rules = await weekday(4);
      expect(rules).toHaveLength(1);
      expect(saves).toContainEqual({ startMinute: rules[0].startMinute, endMinute: rules[0].endMinute });
    }
  });
});

describe("weekly hours stay wall-clock across daylight-saving changes", () => {
  it("shows Monday 09:00-12:00 as 09:00-12:00 on both sides of London's spring and autumn changes, at instants an hour apart", async () => {
    await setWeeklyRules({ db: database.db, actor: coach, weekday: 7, intervals: [{ startMinute: 9 * 60, endMinute: 12 * 60 }] });
    // Sunday 29 March 2026 and Sunday 25 October 2026 are London's change days; the Sundays either side are not.
    for (const [from, to] of [
      ["2026-03-22", "2026-03-29"],
      ["2026-10-18", "2026-10-25"],
    ]) {
      const data = await getAvailabilityEditorData({ db: database.db, actor: coach, from, to, now: new Date("2026-01-01T00:00:00Z") });
      const sundays = data.days.filter((day) => day.weekday === 7);
      expect(sundays.map((day) => day.date)).toEqual([from, to]);
      for (const day of sundays) expect(day.intervals).toEqual([{ startMinute: 540, endMinute: 720 }]);
    }
    const stored = await database.db.availabilityRule.findMany({ where: { coachId: coach.id, weekday: 7 }, select: { startMinute: true, endMinute: true, timeZone: true } });
    expect(stored).toEqual([{ startMinute: 540, endMinute: 720, timeZone: "Europe/London" }]);
  });

  it("stores time off typed on the coach's clock as the instants it names, either side of the change", async () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const winter = await addTimeOff({ db: database.db, actor: coach, start: "2026-03-28T09:00", end: "2026-03-28T17:00", now });
    const summer = await addTimeOff({ db: database.db, actor: coach, start: "2026-03-30T09:00", end: "2026-03-30T17:00", now });
    expect(winter.timeOff.startsAt.toISOString()).toBe("2026-03-28T09:00:00.000Z");
    expect(summer.timeOff.startsAt.toISOString()).toBe("2026-03-30T08:00:00.000Z");
    expect(summer.timeOff.endsAt.toISOString()).toBe("2026-03-30T16:00:00.000Z");
    // Across the change: 00:00 GMT to 03:00 BST is two hours (01:00-02:00 never happens).
    const across = await addTimeOff({ db: database.db, actor: coach, start: "2026-03-29T00:00", end: "2026-03-29T03:00", now });
    expect(across.timeOff.endsAt.getTime() - across.timeOff.startsAt.getTime()).toBe(2 * 3_600_000);
    // A zone in the southern hemisphere: Sydney leaves daylight time on Sunday 5 April 2026 (03:00 → 02:00).
    await database.db.coachSettings.update({ where: { coachId: coach.id }, data: { timeZone: "Australia/Sydney" } });
    try {
      const sydney = await addTimeOff({ db: database.db, actor: coach, start: "2026-04-04T09:00", end: "2026-04-06T09:00", now });
      expect(sydney.timeZone).toBe("Australia/Sydney");
      expect(sydney.timeOff.startsAt.toISOString()).toBe("2026-04-03T22:00:00.000Z");
      expect(sydney.timeOff.endsAt.toISOString()).toBe("2026-04-05T23:00:00.000Z");
      await setWeeklyRules({ db: database.db, actor: coach, weekday: 5, intervals: [{ startMinute: 600, endMinute: 660 }] });
      expect(await weekday(5)).toEqual([{ startMinute: 600, endMinute: 660, timeZone: "Australia/Sydney" }]);
    } finally {
      await database.db.coachSettings.update({ where: { coachId: coach.id }, data: { timeZone: "Europe/London" } });
    }
  });
});

describe("setDateOverride", () => {
  it("sets other hours for one date, closes a date, and removes the override again", async () => {
    const { db } = database;
    await setDateOverride({ db, actor: coach, date: "2026-03-23", intervals: [{ startMinute: 780, endMinute: 840 }, { startMinute: 600, endMinute: 660 }] });
    let data = await getAvailabilityEditorData({ db, actor: coach, from: "2026-03-23", to: "2026-03-24", now: new Date("2026-03-01T00:00:00Z") });
    expect(data.days).toEqual([
      { date: "2026-03-23", weekday: 1, source: "override", intervals: [{ startMinute: 600, endMinute: 660 }, { startMinute: 780, endMinute: 840 }] },
      { date: "2026-03-24", weekday: 2, source: "weekly", intervals: [{ startMinute: 600, endMinute: 960 }] },
    ]);

    await setDateOverride({ db, actor: coach, date: "2026-03-23", intervals: [] });
    data = await getAvailabilityEditorData({ db, actor: coach, from: "2026-03-23", to: "2026-03-23", now: new Date("2026-03-01T00:00:00Z") });
    expect(data.days[0]).toEqual({ date: "2026-03-23", weekday: 1, source: "override", intervals: [] });
    expect(data.upcoming.overrides).toEqual([{ date: "2026-03-23", intervals: [] }]);

    await setDateOverride({ db, actor: coach, date: "2026-03-23", intervals: null });
    data = await getAvailabilityEditorData({ db, actor: coach, from: "2026-03-23", to: "2026-03-23", now: new Date("2026-03-01T00:00:00Z") });
    expect(data.days[0]).toEqual({ date: "2026-03-23", weekday: 1, source: "weekly", intervals: [{ startMinute: 540, endMinute: 720 }, { startMinute: 780, endMinute: 1020 }] });
    expect(await db.availabilityOverride.count()).toBe(0);
    // Removing an override that is not there is not an error (the wanted state holds).
    await setDateOverride({ db, actor: coach, date: "2026-03-23", intervals: null });

    const actions = (await db.auditLog.findMany({ orderBy: { createdAt: "asc" }, select: { action: true } })).map((row) => row.action);
    expect(actions).toEqual(["availability.date_override_set", "availability.day_off_set", "availability.date_override_removed", "availability.date_override_removed"]);
  });

  it("rejects a bad date and overlapping hours, and is for the coach only", async () => {
    const { db } = database;
    await expectRejected(setDateOverride({ db, actor: coach, date: "2026-02-30", intervals: [] }), { date: /enter a date/i });
    await expectRejected(
      setDateOverride({ db, actor: coach, date: "2026-03-23", intervals: [{ startMinute: 600, endMinute: 700 }, { startMinute: 650, endMinute: 660 }] }),
      { "intervals.1.startMinute": /overlaps 10:00 to 11:40/i },
    );
    await expect(setDateOverride({ db, actor: null, date: "2026-03-23", intervals: [] })).rejects.toThrow(AuthRequiredError);
    await expect(setDateOverride({ db, actor: client, date: "2026-03-23", intervals: [] })).rejects.toThrow(ForbiddenError);
    expect(await db.availabilityOverride.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });
});

describe("time off", () => {
  it("adds and removes time off, says how many live bookings it covers, and audits both", async () => {
    const { db } = database;
    const sessionType = await db.sessionType.findFirstOrThrow({ where: { slug: "strategy-session" }, select: { id: true } });
    await db.booking.create({
      data: {
        coachId: coach.id,
        sessionTypeId: sessionType.id,
        clientName: "River",
        clientEmail: "river@example.com",
        clientTimeZone: "America/New_York",
        status: "CONFIRMED",
        startsAt: new Date("2026-04-07T10:00:00Z"),
        endsAt: new Date("2026-04-07T11:00:00Z"),
        blockedFrom: new Date("2026-04-07T09:50:00Z"),
        blockedUntil: new Date("2026-04-07T11:15:00Z"),
        manageTokenHash: "hash-1",
        priceCents: 9500,
        currency: "GBP",
      },
    });
    const now = new Date("2026-03-01T00:00:00Z");
    const added = await addTimeOff({ db, actor: coach, start: "2026-04-06T00:00", end: "2026-04-11T00:00", note: "  Easter break  ", now });
    expect(added.overlappingBookings).toBe(1);
    expect(added.timeOff).toMatchObject({ note: "Easter break", startsAt: new Date("2026-04-05T23:00:00Z"), endsAt: new Date("2026-04-10T23:00:00Z") });

    const data = await getAvailabilityEditorData({ db, actor: coach, from: "2026-04-06", to: "2026-04-12", now });
    expect(data.timeOff.map((t) => t.id)).toEqual([added.timeOff.id]);
    expect(data.bookings).toEqual([
      expect.objectContaining({ clientName: "River", status: "CONFIRMED", sessionTitle: "One-on-one strategy session", clientTimeZone: "America/New_York" }),
    ]);
    expect(data.upcoming.timeOff.map((t) => t.id)).toEqual([added.timeOff.id]);

    await expect(removeTimeOff({ db, actor: client, id: added.timeOff.id })).rejects.toThrow(ForbiddenError);
    await expect(removeTimeOff({ db, actor: null, id: added.timeOff.id })).rejects.toThrow(AuthRequiredError);
    expect(await db.timeOff.count()).toBe(1);

    const removed = await removeTimeOff({ db, actor: coach, id: added.timeOff.id });
    expect(removed.removed.id).toBe(added.timeOff.id);
    expect(await db.timeOff.count()).toBe(0);
    await expect(removeTimeOff({ db, actor: coach, id: added.timeOff.id })).rejects.toThrow(NotFoundError);
    const actions = (await db.auditLog.findMany({ orderBy: { createdAt: "asc" }, select: { action: true, entityId: true } })).map((row) => [row.action, row.entityId]);
    expect(actions).toEqual([
      ["availability.time_off_added", added.timeOff.id],
      ["availability.time_off_removed", added.timeOff.id],
    ]);
  });

  it("rejects an end before the start, a malformed time and an end in the past; a client adds nothing", async () => {
    const { db } = database;
    const now = new Date("2026-03-10T12:00:00Z");
    await expectRejected(addTimeOff({ db, actor: coach, start: "2026-04-06T10:00", end: "2026-04-06T09:00", now }), { end: /later than the start/i });
    await expectRejected(addTimeOff({ db, actor: coach, start: "2026-04-06 10:00", end: "yesterday", now }), { start: /date and time/i, end: /date and time/i });
    await expectRejected(addTimeOff({ db, actor: coach, start: "2026-03-01T10:00", end: "2026-03-02T10:00", now }), { end: /already passed/i });
    await expect(addTimeOff({ db, actor: client, start: "2026-04-06T09:00", end: "2026-04-06T10:00", now })).rejects.toThrow(ForbiddenError);
    await expect(addTimeOff({ db, actor: null, start: "2026-04-06T09:00", end: "2026-04-06T10:00", now })).rejects.toThrow(AuthRequiredError);
    expect(await db.timeOff.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });
});

describe("getAvailabilityEditorData", () => {
  it("is for the coach only and reads at most 62 days", async () => {
    const { db } = database;
    await expect(getAvailabilityEditorData({ db, actor: null, from: "2026-03-23", to: "2026-03-29" })).rejects.toThrow(AuthRequiredError);
    await expect(getAvailabilityEditorData({ db, actor: client, from: "2026-03-23", to: "2026-03-29" })).rejects.toThrow(ForbiddenError);
    await expectRejected(getAvailabilityEditorData({ db, actor: coach, from: "2026-03-01", to: "2026-06-01" }), { to: /at most 62 days/ });
    await expectRejected(getAvailabilityEditorData({ db, actor: coach, from: "2026-03-10", to: "2026-03-01" }), { to: /not be before/ });
  });

  it("lists live bookings only: confirmed, and holds that have not expired", async () => {
    const { db } = database;
    const sessionType = await db.sessionType.findFirstOrThrow({ where: { slug: "intro-call" }, select: { id: true } });
    const now = new Date("2026-03-20T12:00:00Z");
    const base = { coachId: coach.id, sessionTypeId: sessionType.id, clientEmail: "x@example.com", clientTimeZone: "Europe/London", priceCents: 0, currency: "GBP" };
    const at = (hour: number) => ({
      startsAt: new Date(`2026-03-24T${hour}:00:00Z`),
      endsAt: new Date(`2026-03-24T${hour}:20:00Z`),
      blockedFrom: new Date(`2026-03-24T${hour}:00:00Z`),
      blockedUntil: new Date(`2026-03-24T${hour}:30:00Z`),
    });
    await db.booking.createMany({
      data: [
        { ...base, ...at(10), clientName: "Confirmed", status: "CONFIRMED", manageTokenHash: "a" },
        { ...base, ...at(11), clientName: "Live hold", status: "HELD", holdExpiresAt: new Date("2026-03-20T12:10:00Z"), manageTokenHash: "b" },
        { ...base, ...at(12), clientName: "Stale hold", status: "HELD", holdExpiresAt: new Date("2026-03-20T11:50:00Z"), manageTokenHash: "c" },
        { ...base, ...at(13), clientName: "Cancelled", status: "CANCELLED", manageTokenHash: "d" },
      ],
    });
    const data = await getAvailabilityEditorData({ db, actor: coach, from: "2026-03-23", to: "2026-03-29", now });
    expect(data.bookings.map((b) => b.clientName)).toEqual(["Confirmed", "Live hold"]);
  });
});
