import { describe, expect, it } from "vitest";
import { isLinkSignature, linkSignature } from "@/lib/auth/link-signature";

const secret = "unit-test-secret-of-at-least-32-characters";
const options = { purpose: "checkout-cancel-links", payload: "order_123", secret };
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

describe("link signatures", () => {
  const signature = linkSignature(options);

  it("accepts the signature for its payload and purpose only", () => {
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isLinkSignature({ ...options, signature })).toBe(true);
    expect(isLinkSignature({ ...options, payload: "order_124", signature })).toBe(false);
    expect(isLinkSignature({ ...options, purpose: "download-links", signature })).toBe(false);
    expect(isLinkSignature({ ...options, secret: `${secret}!`, signature })).toBe(false);
  });

  it("accepts one spelling only: no padding, no stray characters, no other last character that decodes the same", () => {
    expect(isLinkSignature({ ...options, signature: `${signature}=` })).toBe(false);
    expect(isLinkSignature({ ...options, signature: `${signature} ` })).toBe(false);
    expect(isLinkSignature({ ...options, signature: `${signature.slice(0, 20)}.${signature.slice(20)}` })).toBe(false);
    // The 43rd character carries 4 bits and 2 unused ones: its three siblings decode to the same bytes.
    const last = BASE64URL.indexOf(signature.at(-1)!);
    const siblings = [0, 1, 2, 3].map((low) => BASE64URL[(last & ~3) | low]).filter((char) => char !== signature.at(-1));
    for (const char of siblings) {
      const variant = signature.slice(0, -1) + char;
      expect(Buffer.from(variant, "base64url").equals(Buffer.from(signature, "base64url"))).toBe(true);
      expect(isLinkSignature({ ...options, signature: variant })).toBe(false);
    }
  });
});
