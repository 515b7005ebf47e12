import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/lib/db/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe("seed", () => {
  it("creates the coach, her settings, session types, weekly hours and the catalogue once", async () => {
    const { db } = database;
    expect(await seedDatabase(db, { coachEmail: "Coach@Example.com" })).toEqual({ seeded: true });
    const coach = await db.user.findUniqueOrThrow({ where: { email: "coach@example.com" }, select: { role: true, id: true } });
    expect(coach.role).toBe("COACH");
    const settings = await db.coachSettings.findUniqueOrThrow({ where: { coachId: coach.id } });
    expect(settings).toMatchObject({ timeZone: "Europe/London", currency: "GBP" });
    const types = await db.sessionType.findMany({ orderBy: { position: "asc" }, select: { slug: true, priceCents: true, durationMinutes: true } });
    expect(types).toEqual([
      { slug: "intro-call", priceCents: 0, durationMinutes: 20 },
      { slug: "strategy-session", priceCents: 9500, durationMinutes: 60 },
    ]);
    expect(await db.availabilityRule.count()).toBeGreaterThan(4);
    const kinds = (await db.product.findMany({ select: { kind: true } })).map((p) => p.kind).sort();
    expect(kinds).toEqual(["COURSE", "DOWNLOAD", "DOWNLOAD", "SERIES"]);

    expect(await seedDatabase(db, { coachEmail: "coach@example.com" })).toEqual({ seeded: false });
    expect(await db.product.count()).toBe(4);
  });
});
