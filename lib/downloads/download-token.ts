import { randomBytes } from "node:crypto";
import { isLinkSignature, linkSignature } from "../auth/link-signature";

// A download link's token: base64url(JSON {e: entitlementId, f: productFileId, n: link id (random),
// x: expiry, epoch s})
// "." base64url(HMAC-SHA256(key, payload)). The key is derived from AUTH_SECRET with HKDF (info
// "download-links"), so it is never the sign-in secret itself. Tokens are short-lived and carry
// no rights of their own: every download checks the entitlement again.

export const DOWNLOAD_LINK_TTL_SECONDS = 10 * 60;

/** `linkId` is random per link: a link is one counted download, however many requests it takes. */
export type DownloadTokenClaims = { entitlementId: string; productFileId: string; linkId: string; expiresAt: Date };

const PURPOSE = "download-links";

export function signDownloadToken(options: {
  entitlementId: string;
  productFileId: string;
  now?: Date;
  secret?: string;
}): { token: string; expiresAt: Date } {
  const now = options.now ?? new Date();
  const x = Math.floor(now.getTime() / 1000) + DOWNLOAD_LINK_TTL_SECONDS;
  const n = randomBytes(16).toString("base64url");
  const payload = Buffer.from(JSON.stringify({ e: options.entitlementId, f: options.productFileId, n, x })).toString("base64url");
  const signature = linkSignature({ purpose: PURPOSE, payload, secret: options.secret });
  return { token: `${payload}.${signature}`, expiresAt: new Date(x * 1000) };
}

export type VerifyResult = { ok: true; claims: DownloadTokenClaims } | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

const TOKEN_PATTERN = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Checks the signature (in constant time) before reading anything from the payload, then the expiry. */
export function verifyDownloadToken(token: string, options: { now?: Date; secret?: string } = {}): VerifyResult {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { ok: false, reason: "malformed" };
  const [, payload, signature] = match;
  if (!isLinkSignature({ purpose: PURPOSE, payload, signature, secret: options.secret })) return { ok: false, reason: "bad_signature" };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const { e, f, n, x } = (claims ?? {}) as { e?: unknown; f?: unknown; n?: unknown; x?: unknown };
  const ids = [e, f, n];
  if (!ids.every((id) => typeof id === "string" && ID_PATTERN.test(id)) || typeof x !== "number" || !Number.isInteger(x)) {
    return { ok: false, reason: "malformed" };
  }
  const now = options.now ?? new Date();
  if (x * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims: { entitlementId: e as string, productFileId: f as string, linkId: n as string, expiresAt: new Date(x * 1000) } };
}
