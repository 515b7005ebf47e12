import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { authSecret } from "./auth-environment";

// The signatures on links the product issues itself (downloads, checkout cancel links):
// HMAC-SHA256 under a key derived from AUTH_SECRET with HKDF, one key per purpose (the HKDF info).
// So the sign-in secret never signs anything directly, and a signature made for one kind of link is
// worthless on another.

const keys = new Map<string, Buffer>();

function signingKey(purpose: string, secret: string): Buffer {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), purpose, 32));
    keys.set(cacheKey, key);
  }
  return key;
}

function mac(options: { purpose: string; payload: string; secret?: string }): Buffer {
  return createHmac("sha256", signingKey(options.purpose, options.secret ?? authSecret()))
    .update(options.payload)
    .digest();
}

/** The payload's signature for `purpose`, base64url (43 characters). */
export function linkSignature(options: { purpose: string; payload: string; secret?: string }): string {
  return mac(options).toString("base64url");
}

/**
 * Whether `signature` is the payload's signature for `purpose`, compared in constant time. The text is
 * compared, not the decoded bytes: base64url decoding forgives padding and stray characters, and a link
 * should be valid in exactly one spelling.
 */
export function isLinkSignature(options: { purpose: string; payload: string; signature: string; secret?: string }): boolean {
  const expected = Buffer.from(mac(options).toString("base64url"));
  const given = Buffer.from(options.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
