import { evaluateCoupon, type CouponRules, type CouponRefusal } from "./evaluate-coupon";

/** One line of a cart, priced from the database. */
export type CartLine = {
  productId: string;
  title: string;
  unitPriceCents: number;
  quantity: number;
  currency: string;
};

export type CartTotals = {
  currency: string | null;
  lines: Array<CartLine & { totalCents: number }>;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  /** The coupon's outcome when one was given: applied (with its discount) or refused (with why). */
  coupon: null | { code: string; ok: true; discountCents: number } | { code: string; ok: false; reason: CouponRefusal };
};

/**
 * The cart's money, in integer minor units: each line's total, the subtotal, the coupon's discount
 * (evaluateCoupon: never more than what it applies to) and the total, which is never below zero.
 * A cart holds one currency; lines in another are a bug upstream, so they throw.
 */
export function cartTotals(options: { lines: CartLine[]; coupon?: (CouponRules & { code: string }) | null; now: Date }): CartTotals {
  const { lines, now } = options;
  const currency = lines[0]?.currency.toUpperCase() ?? null;
  for (const line of lines) {
    if (line.currency.toUpperCase() !== currency) throw new Error(`cart mixes currencies: ${currency} and ${line.currency}`);
    if (!Number.isInteger(line.unitPriceCents) || line.unitPriceCents < 0) throw new Error(`bad unit price for ${line.productId}`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw new Error(`bad quantity for ${line.productId}`);
  }
  const priced = lines.map((line) => ({ ...line, totalCents: line.unitPriceCents * line.quantity }));
  const subtotalCents = priced.reduce((sum, line) => sum + line.totalCents, 0);

  let coupon: CartTotals["coupon"] = null;
  let discountCents = 0;
  if (options.coupon) {
    const result = evaluateCoupon({ coupon: options.coupon, lines, now });
    if (result.ok) {
      discountCents = Math.min(result.discountCents, subtotalCents);
      coupon = { code: options.coupon.code, ok: true, discountCents };
    } else {
      coupon = { code: options.coupon.code, ok: false, reason: result.reason };
    }
  }
  return { currency, lines: priced, subtotalCents, discountCents, totalCents: Math.max(0, subtotalCents - discountCents), coupon };
}
