import type { Db } from "../db/client";
import { cartTransaction, loadCartView, MAX_QUANTITY, resolveCart, type CartKey, type CartView } from "./cart";
import { hasFixedQuantity } from "./list-products";

/** Sets a line's quantity (1–99; 0 takes it out). Downloads and courses stay at 1. Unknown lines change nothing. */
export async function updateCartItem(options: { db: Db; key: CartKey; productId: string; quantity: number; now?: Date }): Promise<CartView> {
  const { db, key, productId } = options;
  const now = options.now ?? new Date();
  return cartTransaction(db, key, async (tx) => {
    const cart = await resolveCart(tx, key, { create: false });
    if (cart) {
      const item = await tx.cartItem.findUnique({ where: { cartId_productId: { cartId: cart.id, productId } }, select: { id: true, product: { select: { kind: true } } } });
      const quantity = Number.isFinite(options.quantity) ? Math.trunc(options.quantity) : 1;
      if (item && quantity <= 0) await tx.cartItem.delete({ where: { id: item.id } });
      else if (item) {
        const next = hasFixedQuantity(item.product.kind) ? 1 : Math.min(quantity, MAX_QUANTITY);
        await tx.cartItem.update({ where: { id: item.id }, data: { quantity: next } });
      }
    }
    return loadCartView(tx, cart, now);
  });
}
