import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as nextAuthPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as emailLink } from "@/app/api/auth/email-link/route";
import { getDb } from "@/lib/db/client";
import { closeJobSender } from "@/lib/jobs/boss";
import { jsonRequest } from "../helpers/request-scope";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The route handlers, called with real requests against a real database (the app's own getDb()).

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
});

afterAll(async () => {
  await closeJobSender();
  await getDb().$disconnect();
  await database?.drop();
});

const noParams = { params: Promise.resolve({}) };
const requestLink = (body: unknown, ip: string) =>
  emailLink(jsonRequest("http://localhost:3000/api/auth/email-link", body, { "x-forwarded-for": ip }), noParams);

describe("POST /api/auth/email-link", () => {
  it("answers 202 and puts the link in the outbox, with a foreign callbackUrl replaced by /account", async () => {
    const response = await requestLink({ email: "Ada@Example.com", callbackUrl: "https://evil.example/steal" }, "198.51.100.1");
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: "sent" });
    const message = await database.db.emailMessage.findFirstOrThrow({ where: { toAddress: "ada@example.com" } });
    expect(message.text).toContain("callbackUrl=%2Faccount&");
    expect(message.text).not.toContain("evil.example");
  });

  it("answers 400 with the field to fix", async () => {
    const response = await requestLink({ email: "not-an-address" }, "198.51.100.2");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "invalid_input",
        message: "Some details need another look.",
        fields: { email: "Please enter an email address like name@example.com." },
      },
    });

    const missing = await requestLink({}, "198.51.100.2");
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      email: "Please enter your email address.",
    });
  });

  it("answers 429 with Retry-After and the error shape after 5 links for one address", async () => {
    for (let i = 0; i < 5; i++) expect((await requestLink({ email: "limit@example.com" }, "198.51.100.3")).status).toBe(202);

    const response = await requestLink({ email: "limit@example.com" }, "198.51.100.3");
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 15 * 60).toBe(true);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/please wait about .+ and try again/) } });
  });
});

describe("next-auth's own email sign-in", () => {
  it("is closed: POST /api/auth/signin/email answers 404 in the error shape and issues nothing", async () => {
    const request = new NextRequest("http://localhost:3000/api/auth/signin/email", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=bypass%40example.com&csrfToken=x",
    });
    const response = await nextAuthPost(request, { params: Promise.resolve({ nextauth: ["signin", "email"] }) });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "Sign-in links are requested on the sign-in page at /signin." },
    });
    expect(await database.db.verificationToken.count({ where: { identifier: "bypass@example.com" } })).toBe(0);
  });
});
