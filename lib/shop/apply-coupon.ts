import type { Db } from "../db/client";
import { InvalidInputError } from "../errors";
import { cartTransaction, couponSelect, loadCartView, normaliseCouponCode, resolveCart, type CartKey, type CartView } from "./cart";
import { couponRefusalMessage, evaluateCoupon } from "./evaluate-coupon";
import { limitShopAttempts } from "./limit-shop-attempts";

const MAX_CODE_LENGTH = 64;

/**
 * Puts a discount code on the cart after checking it against the cart as it is now (evaluateCoupon).
 * A code that doesn't apply is refused with the reason, as a field error on `code`. The code is
 * checked again, and its use reserved, at checkout. Every code tried counts against the network's
 * limit (limitShopAttempts), so codes can't be found by guessing.
 */
export async function applyCoupon(options: { db: Db; key: CartKey; code: string; ip: string; now?: Date }): Promise<CartView> {
  const { db, key } = options;
  const now = options.now ?? new Date();
  const code = normaliseCouponCode(options.code);
  if (!code) throw new InvalidInputError("Some details need another look.", { code: "Please enter the code you were given." });
  if (code.length > MAX_CODE_LENGTH) throw new InvalidInputError("Some details need another look.", { code: couponRefusalMessage("unknown", code.slice(0, 20) + "…") });
  await limitShopAttempts({ db, ip: options.ip, attempt: "coupon", now });

  return cartTransaction(db, key, async (tx) => {
    const cart = await resolveCart(tx, key, { create: false });
    const view = await loadCartView(tx, cart, now);
    const coupon = await tx.coupon.findUnique({ where: { code }, select: couponSelect });
    if (!coupon) throw new InvalidInputError("That code can't be used.", { code: couponRefusalMessage("unknown", code) });
    const result = evaluateCoupon({ coupon, lines: view.items, now });
    if (!result.ok) throw new InvalidInputError("That code can't be used.", { code: couponRefusalMessage(result.reason, code) });
    await tx.cart.update({ where: { id: cart!.id }, data: { couponCode: code, updatedAt: now } });
    return loadCartView(tx, { id: cart!.id, couponCode: code }, now);
  });
}

/** Takes the code off the cart. */
export async function removeCoupon(options: { db: Db; key: CartKey; now?: Date }): Promise<CartView> {
  const { db, key } = options;
  const now = options.now ?? new Date();
  return cartTransaction(db, key, async (tx) => {
    const cart = await resolveCart(tx, key, { create: false });
    if (cart?.couponCode) await tx.cart.update({ where: { id: cart.id }, data: { couponCode: null } });
    return loadCartView(tx, cart ? { id: cart.id, couponCode: null } : null, now);
  });
}
