import { createHash, randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../helpers/request-scope")).nextHeaders);

import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { getCurrentUser } from "@/lib/auth/current-user";
import { issueSignInLink } from "@/lib/auth/issue-sign-in-link";
import { pruneSignInTokens } from "@/lib/auth/prune-sign-in-tokens";
import { requestSignInLink } from "@/lib/auth/request-sign-in-link";
import { getDb } from "@/lib/db/client";
import { closeJobSender } from "@/lib/jobs/boss";
import { cookieHeader, patchNextHeadersForRequire, withRequest } from "../helpers/request-scope";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// Links issued by our code must verify through next-auth's real, unmodified callback. These tests
// call the app's /api/auth/[...nextauth] route handler with real requests; only next/headers (which
// needs a running Next server) reads from the request under test instead.

const APP = "http://localhost:3000";
const SECRET = randomBytes(32).toString("hex");
let database: TestDatabase;
let restoreNextHeaders: () => void;

beforeAll(async () => {
  restoreNextHeaders = patchNextHeadersForRequire();
  database = await createTestDatabase();
  // The app's own getDb() and secret, as `npm start` would provide them; read lazily on first use.
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = SECRET;
});

afterAll(async () => {
  restoreNextHeaders?.();
  await closeJobSender();
  await getDb().$disconnect();
  await database?.drop();
});

async function callAuth(method: "GET" | "POST", url: string, options: { cookie?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = options.cookie ? { cookie: options.cookie } : {};
  if (options.body) headers["content-type"] = "application/json";
  const request = new NextRequest(url, { method, headers, body: options.body ? JSON.stringify(options.body) : undefined });
  const nextauth = new URL(url).pathname.replace(/^\/api\/auth\//, "").split("/");
  const handler = method === "GET" ? GET : POST;
  return withRequest(request, () => handler(request, { params: Promise.resolve({ nextauth }) }));
}

async function latestLinkIn(outboxFor: string) {
  const message = await database.db.emailMessage.findFirstOrThrow({ where: { toAddress: outboxFor }, orderBy: { createdAt: "desc" } });
  const url = message.text.match(/http:\/\/\S+\/api\/auth\/callback\/email\?\S+/)?.[0];
  if (!url) throw new Error(`no sign-in link in: ${message.text}`);
  return { message, url };
}

async function signIn(email: string) {
  const link = await issueSignInLink({ db: database.db, email });
  const response = await callAuth("GET", link.url);
  expect(response.status).toBe(302);
  return cookieHeader(response);
}

function currentUserFor(cookie: string) {
  const request = new NextRequest(`${APP}/account`, { headers: { cookie } });
  return withRequest(request, () => getCurrentUser());
}

describe("sign-in links", () => {
  it("verify once through next-auth's own callback, create a database session and land on the callback path", async () => {
    const before = Date.now();
    await expect(
      requestSignInLink({ db: database.db, email: "  Sam@Example.COM ", ip: "203.0.113.1", callbackUrl: "/account?tab=library" }),
    ).resolves.toEqual({ email: "sam@example.com" });

    const { message, url } = await latestLinkIn("sam@example.com");
    expect(message).toMatchObject({ template: "sign-in", status: "PENDING", subject: "Your sign-in link" });
    const link = new URL(url);
    expect(link.origin + link.pathname).toBe(`${APP}/api/auth/callback/email`);
    expect(link.searchParams.get("email")).toBe("sam@example.com");
    expect(link.searchParams.get("callbackUrl")).toBe("/account?tab=library");

    // Only the hash is stored: sha256(token + secret), as next-auth computes it.
    const token = link.searchParams.get("token")!;
    const [stored] = await database.db.verificationToken.findMany({ where: { identifier: "sam@example.com" } });
    expect(stored.token).not.toContain(token);
    expect(stored.token).toBe(createHash("sha256").update(`${token}${SECRET}`).digest("hex"));
    expect(stored.expires.getTime() - before).toBeGreaterThanOrEqual(10 * 60_000 - 1_000);
    expect(stored.expires.getTime() - before).toBeLessThanOrEqual(10 * 60_000 + 60_000);

    const response = await callAuth("GET", url);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${APP}/account?tab=library`);
    const cookie = cookieHeader(response);
    expect(cookie).toMatch(/next-auth\.session-token=[\w-]+/);

    const user = await database.db.user.findUniqueOrThrow({ where: { email: "sam@example.com" }, include: { sessions: true } });
    expect(user.role).toBe("CLIENT");
    expect(user.emailVerified).not.toBeNull();
    expect(user.sessions).toHaveLength(1);
    expect(await database.db.verificationToken.count({ where: { identifier: "sam@example.com" } })).toBe(0);
    expect(await currentUserFor(cookie)).toEqual({ id: user.id, email: "sam@example.com", name: null, role: "CLIENT" });

    // The same link a second time: next-auth sends it to the error page, which is our /signin.
    const again = await callAuth("GET", url);
    expect(again.status).toBe(302);
    const errorUrl = again.headers.get("location")!;
    expect(errorUrl).toBe(`${APP}/api/auth/error?error=Verification`);
    const errorPage = await callAuth("GET", errorUrl);
    expect(errorPage.headers.get("location")).toBe("/signin?error=Verification");
    expect(await database.db.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuse a link after its 10 minutes, without creating an account", async () => {
    const link = await issueSignInLink({ db: database.db, email: "late@example.com", now: new Date(Date.now() - 11 * 60_000) });
    const response = await callAuth("GET", link.url);
    expect(response.headers.get("location")).toBe(`${APP}/api/auth/error?error=Verification`);
    expect(response.headers.getSetCookie().some((line) => line.startsWith("next-auth.session-token="))).toBe(false);
    expect(await database.db.user.count({ where: { email: "late@example.com" } })).toBe(0);
  });

  it("are pruned a day after they expire, unused ones included, and never before", async () => {
    const now = new Date();
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
    await issueSignInLink({ db: database.db, email: "old-unused@example.com", now: at(30) });
    await issueSignInLink({ db: database.db, email: "recently-expired@example.com", now: at(2) });
    await issueSignInLink({ db: database.db, email: "live@example.com", now });
    expect(await pruneSignInTokens(database.db, now)).toBe(1);
    const left = await database.db.verificationToken.findMany({ where: { identifier: { in: ["old-unused@example.com", "recently-expired@example.com", "live@example.com"] } } });
    expect(left.map((row) => row.identifier).sort()).toEqual(["live@example.com", "recently-expired@example.com"]);
  });

  it("refuse a link whose address was swapped for another, and leave the real link working", async () => {
    const link = await issueSignInLink({ db: database.db, email: "owner@example.com" });
    const swapped = new URL(link.url);
    swapped.searchParams.set("email", "coach@example.com");
    expect((await callAuth("GET", swapped.toString())).headers.get("location")).toBe(`${APP}/api/auth/error?error=Verification`);
    expect(await database.db.user.count({ where: { email: "coach@example.com" } })).toBe(0);

    expect((await callAuth("GET", link.url)).headers.get("location")).toBe(`${APP}/account`);
  });

  it("make COACH_EMAIL the coach on first sign-in and everyone else a client", async () => {
    const coach = await currentUserFor(await signIn("Coach@Example.com"));
    expect(coach).toMatchObject({ email: "coach@example.com", role: "COACH" });
    const client = await currentUserFor(await signIn("kai@example.com"));
    expect(client).toMatchObject({ email: "kai@example.com", role: "CLIENT" });
  });

  it("never take identity or role from session.update() input", async () => {
    const cookie = await signIn("riley@example.com");
    const csrf = await callAuth("GET", `${APP}/api/auth/csrf`, { cookie });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const withCsrf = cookieHeader(csrf, cookie);

    const coach = await database.db.user.findUniqueOrThrow({ where: { email: "coach@example.com" } });
    const update = await callAuth("POST", `${APP}/api/auth/session`, {
      cookie: withCsrf,
      body: { csrfToken, data: { user: { id: coach.id, email: coach.email, role: "COACH" }, role: "COACH" } },
    });
    expect(update.status).toBe(200);
    const body = (await update.json()) as { user: { email: string; role: string } };
    expect(body.user).toMatchObject({ email: "riley@example.com", role: "CLIENT" });
    expect(await currentUserFor(withCsrf)).toMatchObject({ email: "riley@example.com", role: "CLIENT" });
  });

  it("sign out through next-auth's POST /api/auth/signout, which deletes the session", async () => {
    const cookie = await signIn("jo@example.com");
    const csrf = await callAuth("GET", `${APP}/api/auth/csrf`, { cookie });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await callAuth("POST", `${APP}/api/auth/signout`, {
      cookie: cookieHeader(csrf, cookie),
      body: { csrfToken, callbackUrl: "/", json: "true" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ url: `${APP}/` });
    const user = await database.db.user.findUniqueOrThrow({ where: { email: "jo@example.com" }, include: { sessions: true } });
    expect(user.sessions).toHaveLength(0);
    expect(await currentUserFor(cookie)).toBeNull();
  });

  it("write the token and its email in one transaction: no email, no token", async () => {
    await database.db.$executeRawUnsafe(`
      CREATE FUNCTION refuse_email() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$`);
    await database.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_email BEFORE INSERT ON email_messages FOR EACH ROW EXECUTE FUNCTION refuse_email()`,
    );
    try {
      await expect(requestSignInLink({ db: database.db, email: "atomic@example.com", ip: "203.0.113.2" })).rejects.toThrow(
        /outbox unavailable/,
      );
      expect(await database.db.verificationToken.count({ where: { identifier: "atomic@example.com" } })).toBe(0);
    } finally {
      await database.db.$executeRawUnsafe(`DROP TRIGGER refuse_email ON email_messages`);
      await database.db.$executeRawUnsafe(`DROP FUNCTION refuse_email()`);
    }
    await requestSignInLink({ db: database.db, email: "atomic@example.com", ip: "203.0.113.2" });
    expect(await database.db.verificationToken.count({ where: { identifier: "atomic@example.com" } })).toBe(1);
    expect(await database.db.emailMessage.count({ where: { toAddress: "atomic@example.com" } })).toBe(1);
  });
});
