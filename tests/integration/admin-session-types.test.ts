import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCoachCurrency } from "@/lib/admin/get-coach-currency";
import type { CurrentUser } from "@/lib/auth/current-user";
import { seedDatabase } from "@/lib/db/seed";
import { AuthRequiredError, ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { createSessionType } from "@/lib/session-types/create-session-type";
import { getSessionTypeForCoach } from "@/lib/session-types/get-session-type-for-coach";
import { listSessionTypesForCoach } from "@/lib/session-types/list-session-types-for-coach";
import { parsePrice, type SessionTypeInput } from "@/lib/session-types/session-type-input";
import { updateSessionType } from "@/lib/session-types/update-session-type";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let coach: CurrentUser;
let client: CurrentUser;
const select = { id: true, email: true, name: true, role: true } as const;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.db, { coachEmail: "coach@example.com" });
  coach = await database.db.user.findUniqueOrThrow({ where: { email: "coach@example.com" }, select });
  client = await database.db.user.create({ data: { email: "client@example.com", role: "CLIENT" }, select });
});

afterAll(async () => {
  await database?.drop();
});

const walk: SessionTypeInput = {
  title: "Walk and talk",
  slug: "walk-and-talk",
  description: "A session on the phone while you walk.",
  durationMinutes: 45,
  bufferBeforeMinutes: 5,
  bufferAfterMinutes: 10,
  minimumNoticeMinutes: 90,
  horizonDays: 21,
  slotIntervalMinutes: null,
  maxPerDay: 2,
  priceCents: 6000,
  currency: "GBP",
  active: true,
  intakeQuestions: [
    { label: "Where will you walk?", type: "text", required: false },
    { label: "How do you prefer to meet?", type: "choice", required: true, options: ["Phone", "Video"] },
  ],
};

describe("createSessionType", () => {
  it("creates a type after the coach's others, gives new questions ids and audits it", async () => {
    const created = await createSessionType({ db: database.db, actor: coach, input: walk });
    expect(created).toMatchObject({
      slug: "walk-and-talk",
      title: "Walk and talk",
      durationMinutes: 45,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 10,
      minimumNoticeMinutes: 90,
      horizonDays: 21,
      slotIntervalMinutes: null,
      maxPerDay: 2,
      priceCents: 6000,
      currency: "GBP",
      active: true,
      position: 3,
      intakeQuestions: [
        { id: "where-will-you-walk", label: "Where will you walk?", type: "text", required: false },
        { id: "how-do-you-prefer-to-meet", label: "How do you prefer to meet?", type: "choice", required: true, options: ["Phone", "Video"] },
      ],
    });
    const row = await database.db.sessionType.findUniqueOrThrow({ where: { id: created.id }, select: { coachId: true } });
    expect(row.coachId).toBe(coach.id);
    const audit = await database.db.auditLog.findMany({ where: { entityType: "session_type", entityId: created.id }, select: { action: true, actorId: true } });
    expect(audit).toEqual([{ action: "session_type.created", actorId: coach.id }]);
  });

  it("answers a slug already in use with a field error, and creates nothing", async () => {
    const before = await database.db.sessionType.count();
    const error = await createSessionType({ db: database.db, actor: coach, input: { ...walk, slug: "intro-call", title: "Another" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("slug_taken");
    expect((error as ConflictError).details).toEqual({ fields: { slug: expect.stringMatching(/“intro-call” is already used/) } });
    expect(await database.db.sessionType.count()).toBe(before);
    expect(await database.db.auditLog.count({ where: { action: "session_type.created", data: { path: ["title"], equals: "Another" } } })).toBe(0);
  });

  it("rejects invalid fields by name", async () => {
    const error = await createSessionType({
      db: database.db,
      actor: coach,
      input: {
        ...walk,
        title: " ",
        slug: "Not a Slug",
        durationMinutes: 0,
        priceCents: -1,
        currency: "XYZ" as "GBP",
        maxPerDay: 0,
        intakeQuestions: [{ label: "Pick", type: "choice", required: true, options: ["Only one"] }],
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(Object.keys((error as InvalidInputError).fields).sort()).toEqual(
      ["currency", "durationMinutes", "intakeQuestions.0.options", "maxPerDay", "priceCents", "slug", "title"].sort(),
    );
  });

  it("is for the coach only", async () => {
    const before = await database.db.sessionType.count();
    await expect(createSessionType({ db: database.db, actor: null, input: { ...walk, slug: "x-1" } })).rejects.toThrow(AuthRequiredError);
    await expect(createSessionType({ db: database.db, actor: client, input: { ...walk, slug: "x-2" } })).rejects.toThrow(ForbiddenError);
    expect(await database.db.sessionType.count()).toBe(before);
  });
});

describe("updateSessionType, listing and reading", () => {
  it("edits every field, keeps question ids, deactivates instead of deleting, and audits the change", async () => {
    const { db } = database;
    const strategy = await db.sessionType.findUniqueOrThrow({ where: { slug: "strategy-session" }, select: { id: true } });
    const current = await getSessionTypeForCoach({ db, actor: coach, id: strategy.id });
    expect(current.intakeQuestions.map((q) => q.id)).toEqual(["focus", "format"]);

    const updated = await updateSessionType({
      db,
      actor: coach,
      id: strategy.id,
      input: {
        ...walk,
        slug: "strategy-session",
        title: "Strategy session (90 minutes)",
        durationMinutes: 90,
        slotIntervalMinutes: 30,
        maxPerDay: null,
        priceCents: 12000,
        currency: "EUR",
        active: false,
        intakeQuestions: [
          { id: "format", label: "How would you like to meet?", type: "choice", required: true, options: ["Video call", "Phone call", "In person"] },
          { id: "focus", label: "What should we focus on?", type: "text", required: true },
          { label: "Anything else?", type: "text", required: false },
        ],
      },
    });
    expect(updated).toMatchObject({ title: "Strategy session (90 minutes)", durationMinutes: 90, slotIntervalMinutes: 30, maxPerDay: null, priceCents: 12000, currency: "EUR", active: false });
    expect((updated.intakeQuestions as Array<{ id: string }>).map((q) => q.id)).toEqual(["format", "focus", "anything-else"]);

    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: strategy.id }, orderBy: { createdAt: "desc" }, select: { action: true, data: true } });
    expect(audit.action).toBe("session_type.deactivated");
    expect(Object.keys((audit.data as { changed: object }).changed).sort()).toEqual(
      ["active", "bufferAfterMinutes", "bufferBeforeMinutes", "currency", "description", "durationMinutes", "horizonDays", "intakeQuestions", "maxPerDay", "minimumNoticeMinutes", "priceCents", "slotIntervalMinutes", "title"].sort(),
    );

    const list = await listSessionTypesForCoach({ db, actor: coach });
    expect(list.map((t) => [t.slug, t.active])).toEqual([
      ["intro-call", true],
      ["walk-and-talk", true],
      ["strategy-session", false],
    ]);
    expect(await db.sessionType.count({ where: { slug: "strategy-session" } })).toBe(1);
  });

  it("answers a slug taken by another type with a field error and leaves both unchanged", async () => {
    const { db } = database;
    const walkRow = await db.sessionType.findUniqueOrThrow({ where: { slug: "walk-and-talk" }, select: { id: true, title: true } });
    const error = await updateSessionType({ db, actor: coach, id: walkRow.id, input: { ...walk, slug: "intro-call", title: "Changed" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toEqual({ fields: { slug: expect.any(String) } });
    expect((await db.sessionType.findUniqueOrThrow({ where: { id: walkRow.id }, select: { title: true, slug: true } })).title).toBe("Walk and talk");
  });

  it("hides other coaches' types and unknown ids, and is for the coach only", async () => {
    const { db } = database;
    const other = await db.user.create({ data: { email: "other.coach@example.com", role: "COACH" }, select });
    const theirs = await createSessionType({ db, actor: other, input: { ...walk, slug: "their-session" } });
    await expect(getSessionTypeForCoach({ db, actor: coach, id: theirs.id })).rejects.toThrow(NotFoundError);
    await expect(updateSessionType({ db, actor: coach, id: theirs.id, input: { ...walk, slug: "their-session", title: "Mine now" } })).rejects.toThrow(NotFoundError);
    expect((await db.sessionType.findUniqueOrThrow({ where: { id: theirs.id }, select: { title: true } })).title).toBe("Walk and talk");
    expect((await listSessionTypesForCoach({ db, actor: coach })).map((t) => t.slug)).not.toContain("their-session");
    await expect(getSessionTypeForCoach({ db, actor: coach, id: "missing" })).rejects.toThrow(NotFoundError);

    for (const read of [
      (actor: CurrentUser | null) => listSessionTypesForCoach({ db, actor }),
      (actor: CurrentUser | null) => getSessionTypeForCoach({ db, actor, id: theirs.id }),
      (actor: CurrentUser | null) => updateSessionType({ db, actor, id: theirs.id, input: walk }),
    ]) {
      await expect(read(null)).rejects.toThrow(AuthRequiredError);
      await expect(read(client)).rejects.toThrow(ForbiddenError);
    }
  });
});

describe("a new session type's currency", () => {
  it("is the coach's own, GBP until she has settings, and is read for the coach only", async () => {
    const { db } = database;
    expect(await getCoachCurrency({ db, actor: coach })).toBe("GBP");
    await db.coachSettings.update({ where: { coachId: coach.id }, data: { currency: "EUR" } });
    try {
      expect(await getCoachCurrency({ db, actor: coach })).toBe("EUR");
    } finally {
      await db.coachSettings.update({ where: { coachId: coach.id }, data: { currency: "GBP" } });
    }
    const unset = await db.user.create({ data: { email: "unset.coach@example.com", role: "COACH" }, select });
    expect(await getCoachCurrency({ db, actor: unset })).toBe("GBP");
    await expect(getCoachCurrency({ db, actor: null })).rejects.toThrow(AuthRequiredError);
    await expect(getCoachCurrency({ db, actor: client })).rejects.toThrow(ForbiddenError);
  });
});

describe("parsePrice", () => {
  it("reads major units into minor units without floating-point error", () => {
    expect(parsePrice("95")).toBe(9500);
    expect(parsePrice("95.5")).toBe(9550);
    expect(parsePrice("0.29")).toBe(29);
    expect(parsePrice("£1,250.05")).toBe(125005);
    expect(parsePrice("0")).toBe(0);
    expect(parsePrice("-5")).toBeUndefined();
    expect(parsePrice("9.999")).toBeUndefined();
    expect(parsePrice("abc")).toBeUndefined();
  });
});
