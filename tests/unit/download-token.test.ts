import { createHmac, hkdfSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DOWNLOAD_LINK_TTL_SECONDS, signDownloadToken, verifyDownloadToken } from "@/lib/downloads/download-token";

const secret = "unit-test-secret-of-at-least-32-characters";
const now = new Date("2026-11-25T12:00:00Z");
const sign = () => signDownloadToken({ entitlementId: "ent_1", productFileId: "pf_1", now, secret }).token;

describe("download tokens", () => {
  it("round-trips the entitlement, the file and a 10-minute expiry", () => {
    const { token, expiresAt } = signDownloadToken({ entitlementId: "ent_1", productFileId: "pf_1", now, secret });
    expect(expiresAt.getTime() - now.getTime()).toBe(DOWNLOAD_LINK_TTL_SECONDS * 1000);
    expect(DOWNLOAD_LINK_TTL_SECONDS).toBe(600);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyDownloadToken(token, { now, secret })).toEqual({
      ok: true,
      claims: { entitlementId: "ent_1", productFileId: "pf_1", linkId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), expiresAt },
    });
  });

  it("gives every link its own random id, even minted in the same instant for the same file", () => {
    const linkIds = Array.from({ length: 5 }, () => {
      const verified = verifyDownloadToken(sign(), { now, secret });
      return verified.ok ? verified.claims.linkId : null;
    });
    expect(new Set(linkIds).size).toBe(5);
    expect(linkIds).not.toContain(null);
  });

  it("uses an HKDF-derived key, not AUTH_SECRET itself", () => {
    const token = sign();
    const [payload, signature] = token.split(".");
    const key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), "download-links", 32));
    expect(createHmac("sha256", key).update(payload).digest("base64url")).toBe(signature);
    expect(createHmac("sha256", secret).update(payload).digest("base64url")).not.toBe(signature);
  });

  it("expires: valid a second before, refused at the expiry", () => {
    const token = sign();
    expect(verifyDownloadToken(token, { now: new Date(now.getTime() + 599_000), secret }).ok).toBe(true);
    expect(verifyDownloadToken(token, { now: new Date(now.getTime() + 600_000), secret })).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a payload changed to another file, entitlement or a later expiry", () => {
    const [, signature] = sign().split(".");
    for (const claims of [
      { e: "ent_1", f: "pf_2", x: now.getTime() / 1000 + 600 },
      { e: "ent_2", f: "pf_1", x: now.getTime() / 1000 + 600 },
      { e: "ent_1", f: "pf_1", x: now.getTime() / 1000 + 99_999 },
    ]) {
      const forged = `${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
      expect(verifyDownloadToken(forged, { now, secret })).toEqual({ ok: false, reason: "bad_signature" });
    }
  });

  it("refuses a flipped signature bit, another secret, and things that are not tokens", () => {
    const token = sign();
    const last = token.at(-2) === "A" ? "B" : "A";
    const flipped = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    expect(verifyDownloadToken(flipped, { now, secret })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyDownloadToken(token, { now, secret: "another-secret-of-at-least-32-characters!" })).toEqual({ ok: false, reason: "bad_signature" });
    for (const junk of ["", ".", "abc", `${token}.x`, token.replace(".", ""), "../../etc/passwd", `${"a".repeat(500)}.${token.split(".")[1]}`]) {
      expect(verifyDownloadToken(junk, { now, secret }).ok).toBe(false);
    }
  });

  it("refuses a correctly signed payload with the wrong shape", () => {
    const key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), "download-links", 32));
    const signed = (body: string) => {
      const payload = Buffer.from(body).toString("base64url");
      return `${payload}.${createHmac("sha256", key).update(payload).digest("base64url")}`;
    };
    expect(verifyDownloadToken(signed("not json"), { now, secret })).toEqual({ ok: false, reason: "malformed" });
    expect(verifyDownloadToken(signed(JSON.stringify({ e: 1, f: "pf", x: 9e9 })), { now, secret })).toEqual({ ok: false, reason: "malformed" });
    expect(verifyDownloadToken(signed(JSON.stringify({ e: "a/b", f: "pf", x: 9e9 })), { now, secret })).toEqual({ ok: false, reason: "malformed" });
    expect(verifyDownloadToken(signed("null"), { now, secret })).toEqual({ ok: false, reason: "malformed" });
  });
});
