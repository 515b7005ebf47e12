import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINKS_PER_ADDRESS, LINKS_PER_IP, requestSignInLink } from "@/lib/auth/request-sign-in-link";
import { RateLimitedError } from "@/lib/errors";
import { consumeRateLimit, pruneRateLimits } from "@/lib/rate-limit/consume-rate-limit";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// Run against a real server too: TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres
// (PGlite runs one statement at a time, so only a server shows that the upsert is atomic).

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

// 10:01 UTC: the 15-minute window 10:00–10:15 has 14 minutes left.
const at = (time: string) => new Date(`2026-03-02T${time}Z`);

describe("consumeRateLimit", () => {
  it("allows `limit` attempts per fixed window, then says how long until the window ends", async () => {
    const attempt = (time: string) => consumeRateLimit(database.db, { key: "test:window", limit: 3, windowSeconds: 900, now: at(time) });
    expect(await attempt("10:01:00")).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
    expect(await attempt("10:02:00")).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    expect(await attempt("10:03:00")).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
    expect(await attempt("10:14:30")).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 30 });
    expect(await attempt("10:15:00")).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
  });

  it("keeps keys apart", async () => {
    const attempt = (key: string) => consumeRateLimit(database.db, { key, limit: 1, windowSeconds: 60, now: at("10:00:00") });
    expect((await attempt("test:a")).allowed).toBe(true);
    expect((await attempt("test:b")).allowed).toBe(true);
    expect((await attempt("test:a")).allowed).toBe(false);
  });

  it("lets exactly `limit` of 20 simultaneous attempts through", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => consumeRateLimit(database.db, { key: "test:race", limit: 5, windowSeconds: 900, now: at("11:00:00") })),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(5);
    const bucket = await database.db.rateLimitBucket.findFirstOrThrow({ where: { key: "test:race" } });
    expect(bucket.count).toBe(20);
  });

  it("refuses windows longer than a day, which pruning would cut short", async () => {
    await expect(consumeRateLimit(database.db, { key: "test:long", limit: 1, windowSeconds: 2 * 86_400 })).rejects.toThrow(RangeError);
  });

  it("prunes buckets that started more than a day ago", async () => {
    const now = at("12:00:00");
    await consumeRateLimit(database.db, { key: "test:old", limit: 1, windowSeconds: 60, now: new Date(now.getTime() - 25 * 3_600_000) });
    await consumeRateLimit(database.db, { key: "test:recent", limit: 1, windowSeconds: 60, now: new Date(now.getTime() - 23 * 3_600_000) });
    expect(await pruneRateLimits(database.db, now)).toBeGreaterThanOrEqual(1);
    expect(await database.db.rateLimitBucket.count({ where: { key: "test:old" } })).toBe(0);
    expect(await database.db.rateLimitBucket.count({ where: { key: "test:recent" } })).toBe(1);
  });
});

describe("requestSignInLink limits", () => {
  it(`sends ${LINKS_PER_ADDRESS} links per address in 15 minutes, then explains kindly when to try again`, async () => {
    const ask = (ip: string) => requestSignInLink({ db: database.db, email: "Busy@Example.com", ip, now: at("10:01:00") });
    // Different IPs: only the per-address limit applies.
    for (let i = 1; i <= LINKS_PER_ADDRESS; i++) await ask(`198.51.100.${i}`);

    const error = await ask("198.51.100.99").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    const limited = error as RateLimitedError;
    expect(limited.status).toBe(429);
    expect(limited.retryAfterSeconds).toBe(14 * 60);
    expect(limited.message).toBe(
      "You've asked for several links in a short time. To keep your account safe, please wait about 14 minutes and try again. Your earlier links still work for 10 minutes.",
    );
    // Nothing was issued for the refused request.
    expect(await database.db.verificationToken.count({ where: { identifier: "busy@example.com" } })).toBe(LINKS_PER_ADDRESS);
    expect(await database.db.emailMessage.count({ where: { toAddress: "busy@example.com" } })).toBe(LINKS_PER_ADDRESS);

    // The next window starts afresh.
    await expect(requestSignInLink({ db: database.db, email: "busy@example.com", ip: "198.51.100.99", now: at("10:15:00") })).resolves.toEqual({
      email: "busy@example.com",
    });
  });

  it(`sends ${LINKS_PER_IP} links per IP address in 15 minutes, whatever the addresses`, async () => {
    const ask = (email: string, ip = "192.0.2.7") => requestSignInLink({ db: database.db, email, ip, now: at("10:05:00") });
    for (let i = 1; i <= LINKS_PER_IP; i++) await ask(`person${i}@example.com`);

    const error = await ask("one-more@example.com").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(10 * 60);
    expect((error as RateLimitedError).message).toMatch(/^We've had several sign-in requests from your network .* about 10 minutes/);
    expect(await database.db.verificationToken.count({ where: { identifier: "one-more@example.com" } })).toBe(0);

    // Another network is unaffected.
    await expect(ask("one-more@example.com", "192.0.2.8")).resolves.toEqual({ email: "one-more@example.com" });
  });

  it(`issues exactly ${LINKS_PER_ADDRESS} links when 20 requests for one address arrive at once`, async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        requestSignInLink({ db: database.db, email: "burst@example.com", ip: `203.0.113.${i + 1}`, now: at("13:00:00") }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(LINKS_PER_ADDRESS);
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(rejected.every((result) => result.reason instanceof RateLimitedError)).toBe(true);
    expect(await database.db.verificationToken.count({ where: { identifier: "burst@example.com" } })).toBe(LINKS_PER_ADDRESS);
  });
});
