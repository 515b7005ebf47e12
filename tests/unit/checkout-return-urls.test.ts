import { createHmac, hkdfSync } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { authSecret } from "@/lib/auth/auth-environment";
import { linkSignature } from "@/lib/auth/link-signature";
import type { DbOrTx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { checkoutReturnUrls, isCancelLinkSignature } from "@/lib/payments/checkout-return-urls";
import { findCancelLinkCheckout } from "@/lib/payments/find-cancel-link-checkout";
import { failure } from "../helpers/errors";

const APP = "http://localhost:3000";
const ORDER = "cmorder0000000000000000001";
const OTHER = "cmorder0000000000000000002";

/** The cancel link's query, as the cancelled page receives it. */
function linkOf(orderId: string): { order: string; sig: string } {
  const url = new URL(checkoutReturnUrls({ orderId }).cancelUrl);
  return { order: url.searchParams.get("order")!, sig: url.searchParams.get("sig")! };
}

/** A database that knows one order and records whether it was asked at all. */
function fakeDb() {
  const findUnique = vi.fn(async ({ where }: { where: { id: string } }) => (where.id === ORDER ? { checkoutId: "cs_test_1" } : null));
  return { db: { order: { findUnique } } as unknown as DbOrTx, findUnique };
}

describe("checkout return URLs", () => {
  it("success keeps Stripe's documented placeholder until the checkout exists; cancel carries our own signed order id instead", () => {
    const { successUrl, cancelUrl } = checkoutReturnUrls({ orderId: ORDER });
    expect(successUrl).toBe(`${APP}/checkout/complete?session_id={CHECKOUT_SESSION_ID}`);
    expect(cancelUrl).toMatch(new RegExp(`^${APP}/checkout/cancelled\\?order=${ORDER}&sig=[A-Za-z0-9_-]{43}$`));
    expect(cancelUrl).not.toContain("{CHECKOUT_SESSION_ID}");
    expect(checkoutReturnUrls({ orderId: ORDER, checkoutId: "cs_test_1" })).toEqual({ successUrl: `${APP}/checkout/complete?session_id=cs_test_1`, cancelUrl });
  });

  it("signs with a key derived from AUTH_SECRET for cancel links only: not the secret itself, not the download links' key", () => {
    const { sig } = linkOf(ORDER);
    const key = Buffer.from(hkdfSync("sha256", authSecret(), Buffer.alloc(0), "checkout-cancel-links", 32));
    expect(createHmac("sha256", key).update(ORDER).digest("base64url")).toBe(sig);
    expect(createHmac("sha256", authSecret()).update(ORDER).digest("base64url")).not.toBe(sig);
    expect(isCancelLinkSignature(ORDER, linkSignature({ purpose: "download-links", payload: ORDER }))).toBe(false);
  });

  it("accepts its own signature and refuses an altered one, another order's, and none", () => {
    const { sig } = linkOf(ORDER);
    expect(isCancelLinkSignature(ORDER, sig)).toBe(true);
    const flipped = `${sig.slice(0, 10)}${sig[10] === "A" ? "B" : "A"}${sig.slice(11)}`;
    expect(isCancelLinkSignature(ORDER, flipped)).toBe(false);
    expect(isCancelLinkSignature(ORDER, linkOf(OTHER).sig)).toBe(false);
    expect(isCancelLinkSignature(OTHER, sig)).toBe(false);
    expect(isCancelLinkSignature(ORDER, "")).toBe(false);
  });
});

describe("findCancelLinkCheckout", () => {
  it("a correctly signed link leads to the order's checkout", async () => {
    const { db } = fakeDb();
    expect(await findCancelLinkCheckout({ db, link: linkOf(ORDER) })).toBe("cs_test_1");
  });

  it("an altered, borrowed or missing signature is refused calmly, before the database is asked", async () => {
    const { db, findUnique } = fakeDb();
    const { sig } = linkOf(ORDER);
    const flipped = `${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`;
    for (const link of [
      { order: ORDER, sig: flipped },
      { order: ORDER, sig: linkOf(OTHER).sig },
      { order: ORDER },
      { order: ORDER, sig: "" },
      { order: ORDER, sig: [sig, sig] },
      { order: ORDER, session_id: "{CHECKOUT_SESSION_ID}" },
      {},
      null,
    ]) {
      const error = await failure(findCancelLinkCheckout({ db, link }));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.code).toBe("checkout_not_found");
      expect(error.message).toBe(
        "We couldn't find that checkout. The link may be incomplete; nothing has been changed, and a time held for a payment that isn't made is released on its own.",
      );
    }
    expect(findUnique).not.toHaveBeenCalled();
  });

  it("a signed link to an order that no longer exists, or never had a checkout, is the same calm refusal", async () => {
    const { db } = fakeDb();
    expect((await failure(findCancelLinkCheckout({ db, link: linkOf(OTHER) }))).code).toBe("checkout_not_found");
  });
});
