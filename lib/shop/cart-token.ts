import { createHash, randomBytes } from "node:crypto";

/** A new cart token (256 random bits) and the hash that is all the database keeps of it. */
export function createCartToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashCartToken(token) };
}

export function hashCartToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as we mint them (43 base64url characters); anything else in the cookie is ignored. */
export function isCartToken(value: string | undefined | null): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
