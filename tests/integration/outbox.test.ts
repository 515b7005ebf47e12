import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../helpers/request-scope")).nextHeaders);

import { GET as downloadAttachment } from "@/app/admin/outbox/[id]/attachments/[index]/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { getOutboxAttachment } from "@/lib/email/get-outbox-attachment";
import { getOutboxMessage } from "@/lib/email/get-outbox-message";
import { listOutbox, OUTBOX_PAGE_SIZE } from "@/lib/email/list-outbox";
import { AuthRequiredError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { patchNextHeadersForRequire, withRequest } from "../helpers/request-scope";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let restoreNextHeaders: () => void;
let coach: CurrentUser;
let client: CurrentUser;
let withAttachment: string;
const pdf = Buffer.from("%PDF-1.4 journal page\n");

beforeAll(async () => {
  restoreNextHeaders = patchNextHeadersForRequire();
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = randomBytes(32).toString("hex");
  const { db } = database;
  const select = { id: true, email: true, name: true, role: true } as const;
  coach = await db.user.create({ data: { email: "coach@example.com", name: "Maya", role: "COACH" }, select });
  client = await db.user.create({ data: { email: "client@example.com", role: "CLIENT" }, select });
  await db.coachSettings.create({ data: { coachId: coach.id, businessName: "Steady Ground", timeZone: "Australia/Sydney", currency: "AUD" } });

  // 51 messages a minute apart, the newest last; the newest carries an attachment.
  const start = new Date("2026-03-03T03:00:00Z").getTime();
  for (let i = 0; i < OUTBOX_PAGE_SIZE + 1; i++) {
    const { id } = await enqueueEmail(db, {
      to: `reader${i}@example.com`,
      template: "test",
      subject: `Message ${i}`,
      html: `<p>Message ${i}</p>`,
      text: `Message ${i}`,
      attachments: i === OUTBOX_PAGE_SIZE ? [{ filename: "Día 1 journal.pdf", contentType: "application/pdf", content: pdf.toString("base64") }] : [],
    });
    await db.emailMessage.update({ where: { id }, data: { createdAt: new Date(start + i * 60_000) } });
    withAttachment = id;
  }
});

afterAll(async () => {
  restoreNextHeaders?.();
  await getDb().$disconnect();
  await database?.drop();
});

describe("the outbox for the coach", () => {
  it("lists 50 a page, newest first, with the times in the coach's zone", async () => {
    const first = await listOutbox({ db: database.db, actor: coach, page: 1 });
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: 51, timeZone: "Australia/Sydney" });
    expect(first.messages).toHaveLength(50);
    expect(first.messages[0]).toMatchObject({ subject: "Message 50", toAddress: "reader50@example.com", status: "PENDING", attempts: 0, lastError: null });
    expect(first.messages[49].subject).toBe("Message 1");
    expect(Object.keys(first.messages[0]).sort()).toEqual(["attempts", "createdAt", "id", "lastError", "status", "subject", "template", "toAddress"]);

    const second = await listOutbox({ db: database.db, actor: coach, page: 2 });
    expect(second.messages.map((message) => message.subject)).toEqual(["Message 0"]);
    expect((await listOutbox({ db: database.db, actor: coach, page: 99 })).page).toBe(2);
    expect((await listOutbox({ db: database.db, actor: coach, page: -3 })).page).toBe(1);
  });

  it("shows one message with its attachments described, not their bytes", async () => {
    const { message, timeZone } = await getOutboxMessage({ db: database.db, actor: coach, id: withAttachment });
    expect(timeZone).toBe("Australia/Sydney");
    expect(message).toMatchObject({ subject: "Message 50", html: "<p>Message 50</p>", text: "Message 50" });
    expect(message.attachments).toEqual([{ index: 0, filename: "Día 1 journal.pdf", contentType: "application/pdf", bytes: pdf.length }]);
    await expect(getOutboxMessage({ db: database.db, actor: coach, id: "missing" })).rejects.toThrow(NotFoundError);
  });

  it("is for the coach only", async () => {
    for (const read of [
      (actor: CurrentUser | null) => listOutbox({ db: database.db, actor, page: 1 }),
      (actor: CurrentUser | null) => getOutboxMessage({ db: database.db, actor, id: withAttachment }),
      (actor: CurrentUser | null) => getOutboxAttachment({ db: database.db, actor, id: withAttachment, index: 0 }),
    ]) {
      await expect(read(null)).rejects.toThrow(AuthRequiredError);
      await expect(read(client)).rejects.toThrow(ForbiddenError);
    }
  });
});

describe("GET /admin/outbox/[id]/attachments/[index]", () => {
  async function sessionCookie(user: CurrentUser) {
    const sessionToken = randomBytes(32).toString("hex");
    await database.db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
    return `next-auth.session-token=${sessionToken}`;
  }

  function download(id: string, index: string, cookie?: string) {
    const request = new NextRequest(`http://localhost:3000/admin/outbox/${id}/attachments/${index}`, {
      headers: cookie ? { cookie } : {},
    });
    return withRequest(request, () => downloadAttachment(request, { params: Promise.resolve({ id, index }) }));
  }

  it("gives the coach the file as a private download", async () => {
    const response = await download(withAttachment, "0", await sessionCookie(coach));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="D_a 1 journal.pdf"; filename*=UTF-8''D%C3%ADa%201%20journal.pdf`,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
  });

  it("answers 401 signed out and 403 for a client, in the error shape", async () => {
    const signedOut = await download(withAttachment, "0");
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toMatchObject({ error: { code: "unauthenticated" } });

    const asClient = await download(withAttachment, "0", await sessionCookie(client));
    expect(asClient.status).toBe(403);
    expect(await asClient.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("answers 404 for an attachment that does not exist and 400 for a malformed index", async () => {
    const cookie = await sessionCookie(coach);
    expect((await download(withAttachment, "1", cookie)).status).toBe(404);
    expect((await download("missing", "0", cookie)).status).toBe(404);
    const malformed = await download(withAttachment, "first", cookie);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: "invalid_input", fields: { index: expect.any(String) } } });
  });
});
