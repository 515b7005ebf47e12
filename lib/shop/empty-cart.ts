import type { Db } from "../db/client";
import { cartTransaction, loadCartView, resolveCart, type CartKey, type CartView } from "./cart";

const PAID = ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"] as const;

/**
 * After a paid order: takes the order's products (and its code) out of this browser's cart, so
 * the cart is empty unless something was added since. Nothing happens for an unpaid order, and
 * running it again changes nothing.
 */
export async function emptyPaidCart(options: { db: Db; key: CartKey; checkoutId: string; now?: Date }): Promise<CartView> {
  const { db, key } = options;
  const now = options.now ?? new Date();
  const order = await db.order.findFirst({
    where: { checkoutId: options.checkoutId, status: { in: [...PAID] } },
    select: { coupon: { select: { code: true } }, items: { where: { kind: "PRODUCT" }, select: { productId: true } } },
  });
  return cartTransaction(db, key, async (tx) => {
    const cart = await resolveCart(tx, key, { create: false });
    if (cart && order) {
      const productIds = order.items.flatMap((item) => (item.productId ? [item.productId] : []));
      if (productIds.length) await tx.cartItem.deleteMany({ where: { cartId: cart.id, productId: { in: productIds } } });
      if (order.coupon && cart.couponCode === order.coupon.code) {
        await tx.cart.update({ where: { id: cart.id }, data: { couponCode: null } });
        cart.couponCode = null;
      }
    }
    return loadCartView(tx, cart, now);
  });
}
