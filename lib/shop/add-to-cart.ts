import type { Db } from "../db/client";
import { NotFoundError, RuleViolationError } from "../errors";
import { formatMoney } from "../payments/format-money";
import { cartTransaction, loadCartView, MAX_QUANTITY, resolveCart, type CartKey, type CartView } from "./cart";
import { hasFixedQuantity, sellableProduct } from "./list-products";

/**
 * Puts a product in the cart (made for the cookie if there is none). A download or a course is one
 * per buyer, so adding it again keeps one; a physical product adds up, to at most 99. Prices are
 * not stored here: the cart is always priced from the products when it is read.
 */
export async function addToCart(options: { db: Db; key: CartKey & { tokenHash: string }; productId: string; quantity?: number; now?: Date }): Promise<CartView> {
  const { db, key } = options;
  const now = options.now ?? new Date();
  const wanted = Math.trunc(options.quantity ?? 1);
  const product = await db.product.findFirst({
    where: { id: options.productId, ...sellableProduct },
    select: { id: true, kind: true, title: true, currency: true, priceCents: true },
  });
  if (!product) throw new NotFoundError("That product isn't in the shop any more, so it couldn't be added.", "product_not_found");
  const fixed = hasFixedQuantity(product.kind);

  return cartTransaction(db, key, async (tx) => {
    const cart = (await resolveCart(tx, key, { create: true }))!;
    const other = await tx.cartItem.findFirst({
      where: { cartId: cart.id, productId: { not: product.id }, product: { currency: { not: product.currency } } },
      select: { product: { select: { currency: true } } },
    });
    if (other) {
      throw new RuleViolationError(
        "cart_currency",
        `Your cart is in ${other.product.currency}, and ${product.title} is priced in ${product.currency} (${formatMoney(product.priceCents, product.currency)}). Please check out separately.`,
      );
    }
    const quantity = fixed ? 1 : Math.min(Math.max(wanted, 1), MAX_QUANTITY);
    const existing = await tx.cartItem.findUnique({ where: { cartId_productId: { cartId: cart.id, productId: product.id } }, select: { quantity: true } });
    if (existing) {
      const next = fixed ? 1 : Math.min(existing.quantity + quantity, MAX_QUANTITY);
      await tx.cartItem.update({ where: { cartId_productId: { cartId: cart.id, productId: product.id } }, data: { quantity: next } });
    } else {
      await tx.cartItem.create({ data: { cartId: cart.id, productId: product.id, quantity } });
    }
    await tx.cart.update({ where: { id: cart.id }, data: { updatedAt: now } });
    return loadCartView(tx, cart, now);
  });
}
