import { createHash, randomBytes } from "node:crypto";
import { config } from "../config";

// The manage link carries 32 random bytes (base64url); the database keeps only their SHA-256, so a
// leaked database or log of it cannot be turned into working links.

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function createManageToken(): { token: string; hash: string; url: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: sha256(token), url: manageUrl(token) };
}

/** The stored form of a token; undefined for anything that cannot be one of ours. */
export function hashManageToken(token: string): string | undefined {
  return TOKEN_PATTERN.test(token) ? sha256(token) : undefined;
}

function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function manageUrl(token: string): string {
  return `${config().APP_URL.replace(/\/$/, "")}/manage/${token}`;
}
