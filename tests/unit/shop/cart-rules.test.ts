import { describe, expect, it } from "vitest";
import { cartTotals, type CartLine } from "@/lib/shop/cart-totals";
import { couponRefusalMessage, evaluateCoupon, type CouponRules } from "@/lib/shop/evaluate-coupon";

const now = new Date("2026-11-25T12:00:00Z");
const journal: CartLine = { productId: "journal", title: "Journal", unitPriceCents: 1800, quantity: 1, currency: "GBP" };
const toolkit: CartLine = { productId: "toolkit", title: "Toolkit", unitPriceCents: 2400, quantity: 1, currency: "GBP" };
const cards: CartLine = { productId: "cards", title: "Cards", unitPriceCents: 350, quantity: 3, currency: "GBP" };

const percent = (percentOff: number, extra: Partial<CouponRules> = {}): CouponRules => ({
  kind: "PERCENT",
  percentOff,
  amountOffCents: null,
  currency: null,
  productId: null,
  expiresAt: null,
  maxRedemptions: null,
  redemptionCount: 0,
  active: true,
  ...extra,
});
const amount = (amountOffCents: number, extra: Partial<CouponRules> = {}): CouponRules => ({
  ...percent(0),
  kind: "AMOUNT",
  percentOff: null,
  amountOffCents,
  currency: "GBP",
  ...extra,
});

describe("cartTotals", () => {
  it("adds line totals in minor units", () => {
    const totals = cartTotals({ lines: [journal, toolkit, cards], now });
    expect(totals.lines.map((line) => line.totalCents)).toEqual([1800, 2400, 1050]);
    expect(totals).toMatchObject({ currency: "GBP", subtotalCents: 5250, discountCents: 0, totalCents: 5250, coupon: null });
  });

  it("an empty cart is zero with no currency", () => {
    expect(cartTotals({ lines: [], now })).toMatchObject({ currency: null, subtotalCents: 0, totalCents: 0 });
  });

  it("takes the coupon's discount off the subtotal", () => {
    const totals = cartTotals({ lines: [journal, toolkit], coupon: { code: "CALM10", ...percent(10) }, now });
    expect(totals).toMatchObject({ subtotalCents: 4200, discountCents: 420, totalCents: 3780, coupon: { code: "CALM10", ok: true, discountCents: 420 } });
  });

  it("reports a refused coupon and charges the full price", () => {
    const totals = cartTotals({ lines: [journal], coupon: { code: "OLD", ...percent(10, { expiresAt: new Date("2026-01-01Z") }) }, now });
    expect(totals).toMatchObject({ discountCents: 0, totalCents: 1800, coupon: { code: "OLD", ok: false, reason: "expired" } });
  });

  it("never goes below zero", () => {
    const totals = cartTotals({ lines: [journal], coupon: { code: "BIG", ...amount(5000) }, now });
    expect(totals).toMatchObject({ discountCents: 1800, totalCents: 0 });
  });

  it("refuses a cart that mixes currencies or has a bad quantity", () => {
    expect(() => cartTotals({ lines: [journal, { ...toolkit, currency: "EUR" }], now })).toThrow(/currencies/);
    expect(() => cartTotals({ lines: [{ ...journal, quantity: 0 }], now })).toThrow(/quantity/);
  });
});

describe("evaluateCoupon", () => {
  it("percent off the whole cart, rounded to the nearest penny", () => {
    expect(evaluateCoupon({ coupon: percent(15), lines: [journal, toolkit], now })).toEqual({ ok: true, discountCents: 630 });
    expect(evaluateCoupon({ coupon: percent(33), lines: [cards], now })).toEqual({ ok: true, discountCents: 347 }); // 346.5 → 347
    expect(evaluateCoupon({ coupon: percent(100), lines: [journal], now })).toEqual({ ok: true, discountCents: 1800 });
  });

  it("a fixed amount off the whole cart", () => {
    expect(evaluateCoupon({ coupon: amount(500), lines: [journal, toolkit], now })).toEqual({ ok: true, discountCents: 500 });
  });

  it("a product coupon applies to its product's lines only", () => {
    expect(evaluateCoupon({ coupon: percent(50, { productId: "toolkit" }), lines: [journal, toolkit], now })).toEqual({ ok: true, discountCents: 1200 });
    expect(evaluateCoupon({ coupon: percent(10, { productId: "cards" }), lines: [journal, cards], now })).toEqual({ ok: true, discountCents: 105 });
    // Never more than the product's own lines, even if the cart holds more.
    expect(evaluateCoupon({ coupon: amount(3000, { productId: "journal" }), lines: [journal, toolkit], now })).toEqual({ ok: true, discountCents: 1800 });
  });

  it("a product coupon without its product in the cart is refused", () => {
    expect(evaluateCoupon({ coupon: percent(10, { productId: "course" }), lines: [journal], now })).toEqual({ ok: false, reason: "not_in_cart" });
  });

  it("expiry is exclusive: at the expiry instant the code no longer works", () => {
    expect(evaluateCoupon({ coupon: percent(10, { expiresAt: new Date(now.getTime() + 1) }), lines: [journal], now }).ok).toBe(true);
    expect(evaluateCoupon({ coupon: percent(10, { expiresAt: now }), lines: [journal], now })).toEqual({ ok: false, reason: "expired" });
  });

  it("max redemptions", () => {
    expect(evaluateCoupon({ coupon: percent(10, { maxRedemptions: 3, redemptionCount: 2 }), lines: [journal], now }).ok).toBe(true);
    expect(evaluateCoupon({ coupon: percent(10, { maxRedemptions: 3, redemptionCount: 3 }), lines: [journal], now })).toEqual({ ok: false, reason: "used_up" });
  });

  it("inactive", () => {
    expect(evaluateCoupon({ coupon: percent(10, { active: false }), lines: [journal], now })).toEqual({ ok: false, reason: "inactive" });
  });

  it("a fixed amount in another currency is refused; a percentage works in any", () => {
    expect(evaluateCoupon({ coupon: amount(500, { currency: "EUR" }), lines: [journal], now })).toEqual({ ok: false, reason: "currency_mismatch" });
    expect(evaluateCoupon({ coupon: amount(500, { currency: "gbp" }), lines: [journal], now }).ok).toBe(true);
    expect(evaluateCoupon({ coupon: percent(10), lines: [{ ...journal, currency: "EUR" }], now }).ok).toBe(true);
  });

  it("an empty cart or a malformed coupon is refused, never a negative or silly discount", () => {
    expect(evaluateCoupon({ coupon: percent(10), lines: [], now })).toEqual({ ok: false, reason: "empty_cart" });
    expect(evaluateCoupon({ coupon: percent(0), lines: [journal], now })).toEqual({ ok: false, reason: "misconfigured" });
    expect(evaluateCoupon({ coupon: percent(150), lines: [journal], now })).toEqual({ ok: false, reason: "misconfigured" });
    expect(evaluateCoupon({ coupon: amount(-100), lines: [journal], now })).toEqual({ ok: false, reason: "misconfigured" });
  });

  it("every refusal has calm words that name the code", () => {
    for (const reason of ["unknown", "inactive", "expired", "used_up", "empty_cart", "not_in_cart", "currency_mismatch", "misconfigured"] as const) {
      expect(couponRefusalMessage(reason, "SPRING")).toContain("SPRING");
    }
  });
});
