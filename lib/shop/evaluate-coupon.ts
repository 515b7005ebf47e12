/** What evaluateCoupon needs to know about a coupon (a Coupon row has all of it). */
export type CouponRules = {
  kind: "PERCENT" | "AMOUNT";
  percentOff: number | null;
  amountOffCents: number | null;
  currency: string | null;
  /** null: the whole cart. */
  productId: string | null;
  expiresAt: Date | null;
  maxRedemptions: number | null;
  redemptionCount: number;
  active: boolean;
};

export type CouponLine = { productId: string; unitPriceCents: number; quantity: number; currency: string };

export type CouponRefusal = "inactive" | "expired" | "used_up" | "empty_cart" | "not_in_cart" | "currency_mismatch" | "misconfigured";

export type CouponResult = { ok: true; discountCents: number } | { ok: false; reason: CouponRefusal };

/**
 * The one rule set for discount codes, in test mode and with Stripe alike: the coupon must be
 * active, unexpired and not used up; a product coupon needs its product in the cart; a fixed
 * amount must be in the cart's currency. The discount is a percentage of, or a fixed amount off,
 * what the coupon applies to (its product's lines, or the whole cart) and never more than that.
 */
export function evaluateCoupon(options: { coupon: CouponRules; lines: CouponLine[]; now: Date }): CouponResult {
  const { coupon, lines, now } = options;
  if (!coupon.active) return { ok: false, reason: "inactive" };
  if (coupon.expiresAt && coupon.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  if (coupon.maxRedemptions !== null && coupon.redemptionCount >= coupon.maxRedemptions) return { ok: false, reason: "used_up" };
  if (lines.length === 0) return { ok: false, reason: "empty_cart" };

  const eligible = coupon.productId === null ? lines : lines.filter((line) => line.productId === coupon.productId);
  if (eligible.length === 0) return { ok: false, reason: "not_in_cart" };
  const eligibleCents = eligible.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);

  if (coupon.kind === "PERCENT") {
    const percent = coupon.percentOff;
    if (percent === null || !Number.isInteger(percent) || percent < 1 || percent > 100) return { ok: false, reason: "misconfigured" };
    // Rounded to the nearest minor unit, half up; a percentage can't exceed what it is taken from.
    return { ok: true, discountCents: Math.min(eligibleCents, Math.round((eligibleCents * percent) / 100)) };
  }
  const amount = coupon.amountOffCents;
  if (amount === null || !Number.isInteger(amount) || amount < 1 || !coupon.currency) return { ok: false, reason: "misconfigured" };
  if (eligible.some((line) => line.currency.toUpperCase() !== coupon.currency!.toUpperCase())) return { ok: false, reason: "currency_mismatch" };
  return { ok: true, discountCents: Math.min(eligibleCents, amount) };
}

/** What the buyer reads when a code can't be used: calm, specific, never their fault. */
export function couponRefusalMessage(reason: CouponRefusal | "unknown", code: string): string {
  switch (reason) {
    case "unknown":
      return `We couldn't find the code ${code}. Please check the spelling; codes aren't case-sensitive.`;
    case "inactive":
      return `The code ${code} isn't active at the moment.`;
    case "expired":
      return `The code ${code} has expired.`;
    case "used_up":
      return `The code ${code} has been used as many times as it allows.`;
    case "empty_cart":
      return `Add something to your cart first, then the code ${code} can be applied.`;
    case "not_in_cart":
      return `The code ${code} is for a product that isn't in your cart.`;
    case "currency_mismatch":
      return `The code ${code} is for a different currency from your cart.`;
    case "misconfigured":
      return `The code ${code} can't be used just now. Please let us know and we'll sort it out.`;
  }
}
