import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// A cookie jar standing in for next/headers' cookies() in a server action.
const { jar, settings } = vi.hoisted(() => {
  const values = new Map<string, string>();
  const sets: Array<{ name: string; value: string; options: Record<string, unknown> }> = [];
  const deletes: string[] = [];
  return {
    jar: {
      values,
      sets,
      deletes,
      api: {
        get: (name: string) => (values.has(name) ? { name, value: values.get(name)! } : undefined),
        set: (name: string, value: string, options: Record<string, unknown>) => {
          values.set(name, value);
          sets.push({ name, value, options });
        },
        delete: (name: string) => {
          values.delete(name);
          deletes.push(name);
        },
      },
    },
    settings: { appUrl: "https://coaching.example.com" },
  };
});
vi.mock("next/headers", () => ({ cookies: async () => jar.api }));
vi.mock("@/lib/config", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/config")>();
  return { ...actual, config: () => actual.parseConfig({ APP_URL: settings.appUrl }) };
});

import { CART_COOKIE, CART_COUNT_COOKIE, readCartKey, setCartCount, writableCartKey } from "@/lib/shop/cart-cookie";
import { hashCartToken } from "@/lib/shop/cart-token";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});
beforeEach(() => {
  jar.values.clear();
  jar.sets.length = 0;
  jar.deletes.length = 0;
  settings.appUrl = "https://coaching.example.com";
});

describe("the cart cookie", () => {
  it("is a random token, httpOnly, SameSite=Lax, Secure on https, for about 90 days; only its hash is the key", async () => {
    const key = await writableCartKey(database.db, null);
    const [set] = jar.sets;
    expect(set.name).toBe(CART_COOKIE);
    expect(set.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(set.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true, path: "/", maxAge: 90 * 24 * 60 * 60 });
    expect(key).toEqual({ tokenHash: hashCartToken(set.value), userId: null });
    expect(await readCartKey("user-1")).toEqual({ tokenHash: hashCartToken(set.value), userId: "user-1" });
  });

  it("is not Secure on plain http (local development)", async () => {
    settings.appUrl = "http://localhost:3000";
    await writableCartKey(database.db, null);
    expect(jar.sets[0].options.secure).toBe(false);
  });

  it("keeps a good token, renews its life, and ignores anything else in the cookie", async () => {
    const first = await writableCartKey(database.db, null);
    const again = await writableCartKey(database.db, null);
    expect(again.tokenHash).toBe(first.tokenHash);
    expect(jar.sets).toHaveLength(2);

    jar.values.set(CART_COOKIE, "../../etc/passwd");
    expect(await readCartKey(null)).toEqual({ tokenHash: null, userId: null });
    expect((await writableCartKey(database.db, null)).tokenHash).not.toBe(first.tokenHash);
  });

  it("a cookie whose cart belongs to another account is replaced before anything is written", async () => {
    const owner = await database.db.user.create({ data: { email: "owner@example.com" } });
    const mine = await writableCartKey(database.db, owner.id);
    await database.db.cart.create({ data: { tokenHash: mine.tokenHash, userId: owner.id } });
    // Same browser, the owner signed out: a guest (or someone else) gets a fresh token.
    const guest = await writableCartKey(database.db, null);
    expect(guest.tokenHash).not.toBe(mine.tokenHash);
    // The owner keeps theirs when still signed in.
    jar.values.set(CART_COOKIE, jar.sets[0].value);
    expect((await writableCartKey(database.db, owner.id)).tokenHash).toBe(mine.tokenHash);
  });

  it("the header's count cookie is readable, and goes when the cart is empty", async () => {
    await setCartCount(3);
    expect(jar.sets.at(-1)).toMatchObject({ name: CART_COUNT_COOKIE, value: "3", options: { httpOnly: false, sameSite: "lax" } });
    await setCartCount(0);
    expect(jar.deletes).toEqual([CART_COUNT_COOKIE]);
  });
});
