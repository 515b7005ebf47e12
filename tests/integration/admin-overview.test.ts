import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOverview } from "@/lib/admin/get-overview";
import { ForbiddenError, AuthRequiredError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe("getOverview", () => {
  it("is for the coach only and counts the outbox by what needs attention", async () => {
    const { db } = database;
    const email = { template: "t", subject: "s", html: "<p>h</p>", text: "t" };
    await db.emailMessage.createMany({
      data: [
        { ...email, toAddress: "a@example.com", status: "PENDING" },
        { ...email, toAddress: "b@example.com", status: "SENDING" },
        { ...email, toAddress: "c@example.com", status: "SENT" },
        { ...email, toAddress: "d@example.com", status: "FAILED" },
      ],
    });
    const person = { id: "u1", email: "someone@example.com", name: null };
    await expect(getOverview({ db, actor: null })).rejects.toThrow(AuthRequiredError);
    await expect(getOverview({ db, actor: { ...person, role: "CLIENT" } })).rejects.toThrow(ForbiddenError);
    expect(await getOverview({ db, actor: { ...person, role: "COACH" } })).toEqual({ outbox: { waiting: 2, failed: 1 } });
  });
});
