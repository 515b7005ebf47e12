import type { Db } from "../db/client";
import { cartTransaction, loadCartView, resolveCart, type CartKey, type CartView } from "./cart";

/** Takes a product out of the cart. Removing something that isn't there is not an error. */
export async function removeFromCart(options: { db: Db; key: CartKey; productId: string; now?: Date }): Promise<CartView> {
  const { db, key } = options;
  const now = options.now ?? new Date();
  return cartTransaction(db, key, async (tx) => {
    const cart = await resolveCart(tx, key, { create: false });
    if (cart) await tx.cartItem.deleteMany({ where: { cartId: cart.id, productId: options.productId } });
    return loadCartView(tx, cart, now);
  });
}
