import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { authBaseUrl } from "@/lib/auth/auth-environment";
import { DEFAULT_CALLBACK_PATH, safeCallbackPath } from "@/lib/auth/callback-path";
import { parseEmailAddress } from "@/lib/auth/email-address";
import { assertCoach } from "@/lib/auth/guards";
import { hashSignInToken } from "@/lib/auth/issue-sign-in-link";
import { tooManyLinksMessage } from "@/lib/auth/request-sign-in-link";
import { AuthRequiredError, ForbiddenError, InvalidInputError } from "@/lib/errors";

// next-auth's internals that our link issuing must match (not in its package exports, so loaded by path).
const require = createRequire(import.meta.url);
const nextAuthUtils = require("../../node_modules/next-auth/core/lib/utils.js") as {
  hashToken: (token: string, options: { provider: { secret?: string }; secret: string }) => string;
};
const parseNextAuthUrl = (require("../../node_modules/next-auth/utils/parse-url.js") as { default: (url?: string) => { base: string } })
  .default;

describe("safeCallbackPath", () => {
  it.each([
    ["/account", "/account"],
    ["/admin/outbox?status=FAILED#top", "/admin/outbox?status=FAILED#top"],
    ["/book/strategy-session", "/book/strategy-session"],
    ["/a/../admin", "/admin"],
  ])("keeps the site path %j", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it.each([
    undefined,
    "",
    "account",
    "https://evil.example/",
    "http://localhost:3000/account",
    "//evil.example/path",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "/signin",
    "/signin?callbackUrl=/admin",
    "/api/auth/signout",
    `/${"a".repeat(3000)}`,
  ])("replaces %j with the account page", (input) => {
    expect(safeCallbackPath(input)).toBe(DEFAULT_CALLBACK_PATH);
  });
});

describe("parseEmailAddress", () => {
  it("trims and lowercases", () => {
    expect(parseEmailAddress("  Sam.Lee@Example.COM ")).toBe("sam.lee@example.com");
  });

  it.each(["", "sam", "sam@", "@example.com", "sam@example", "two words@example.com"])("refuses %j with a field message", (input) => {
    const attempt = () => parseEmailAddress(input);
    expect(attempt).toThrow(InvalidInputError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidInputError).fields.email).toMatch(/^Please enter/);
    }
  });
});

describe("sign-in token hashing", () => {
  it("is next-auth's own hashToken: sha256 of token + secret", () => {
    const token = randomBytes(32).toString("hex");
    const secret = randomBytes(32).toString("hex");
    expect(hashSignInToken(token, secret)).toBe(nextAuthUtils.hashToken(token, { provider: {}, secret }));
    expect(hashSignInToken(token, secret)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("authBaseUrl", () => {
  const original = process.env.NEXTAUTH_URL;
  afterEach(() => {
    if (original === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = original;
  });

  it.each(["http://localhost:3000", "https://coaching.example.com/", "https://coaching.example.com/api/auth", "https://example.com/x/api/auth/"])(
    "reads NEXTAUTH_URL %j as next-auth does",
    (url) => {
      process.env.NEXTAUTH_URL = url;
      expect(authBaseUrl()).toBe(parseNextAuthUrl(url).base);
    },
  );
});

describe("tooManyLinksMessage", () => {
  it("says how long to wait, in whole minutes, and that earlier links still work", () => {
    expect(tooManyLinksMessage(14 * 60, "address")).toBe(
      "You've asked for several links in a short time. To keep your account safe, please wait about 14 minutes and try again. Your earlier links still work for 10 minutes.",
    );
    expect(tooManyLinksMessage(61, "address")).toContain("about 2 minutes");
    expect(tooManyLinksMessage(30, "ip")).toContain("please wait about 1 minute and try again");
  });
});

describe("assertCoach", () => {
  const base = { id: "u1", email: "someone@example.com", name: null };
  it("throws AuthRequiredError when signed out and ForbiddenError for a client", () => {
    expect(() => assertCoach(null)).toThrow(AuthRequiredError);
    expect(() => assertCoach({ ...base, role: "CLIENT" })).toThrow(ForbiddenError);
    expect(() => assertCoach({ ...base, role: "COACH" })).not.toThrow();
  });
});
