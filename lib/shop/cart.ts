import { randomUUID } from "node:crypto";
import type { Db, DbOrTx, Tx } from "../db/client";
import type { ProductKind } from "../db/generated/client";
import { cartTotals, type CartTotals } from "./cart-totals";
import { couponRefusalMessage } from "./evaluate-coupon";
import { hasFixedQuantity, sellableProduct } from "./list-products";

export const MAX_QUANTITY = 99;

/**
 * Whose cart: the hash of this browser's cart cookie (null without one) and the signed-in user
 * (null for a guest). A cart that belongs to an account is only ever shown to that account: after
 * signing out, or on a shared computer, the next person starts with an empty cart.
 */
export type CartKey = { tokenHash: string | null; userId: string | null };

export type CartItemView = {
  productId: string;
  slug: string;
  kind: ProductKind;
  title: string;
  unitPriceCents: number;
  currency: string;
  quantity: number;
  totalCents: number;
  /** Downloads and courses: one per buyer, so no quantity field. */
  fixedQuantity: boolean;
};

export type CartView = {
  cartId: string | null;
  items: CartItemView[];
  couponCode: string | null;
  /** Why the code in the cart doesn't apply right now, if it doesn't. */
  couponProblem: string | null;
  totals: CartTotals;
  /** How many things are in the cart (the header's count). */
  count: number;
  /** Products that left the shop since they were added, taken out of the cart on this read. */
  removedTitles: string[];
};

export const couponSelect = {
  id: true,
  code: true,
  kind: true,
  percentOff: true,
  amountOffCents: true,
  currency: true,
  productId: true,
  expiresAt: true,
  maxRedemptions: true,
  redemptionCount: true,
  active: true,
} as const;

/** Coupon codes are stored upper-case and matched case-insensitively. */
export function normaliseCouponCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The cart's transaction: the user's carts are merged under a per-account lock, so two tabs can't merge twice. */
export async function cartTransaction<T>(db: Db, key: CartKey, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      if (key.userId) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`cart:${key.userId}`}))`;
      return work(tx);
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/**
 * Finds the cart for a key, and makes it one cart: a guest cart found by the cookie is claimed by
 * the user who signs in, and any other carts of theirs (another device, an earlier visit) are
 * merged into it, so nothing added before signing in is lost and nothing is doubled. When the
 * cookie finds no cart, the account's latest cart takes the cookie's hash, so this browser keeps
 * finding it. With `create`, a cart is made for the cookie if there is none. Run inside
 * cartTransaction.
 */
export async function resolveCart(tx: Tx, key: CartKey, options: { create: boolean }): Promise<{ id: string; couponCode: string | null } | null> {
  const byCookie = key.tokenHash
    ? await tx.cart.findUnique({ where: { tokenHash: key.tokenHash }, select: { id: true, userId: true, couponCode: true } })
    : null;
  // Someone else's cart (they signed out on this browser): never shown, never written, and its
  // token stays theirs. Whoever is signed in now still gets their own cart, found by their account.
  // The caller gives the browser a fresh cookie before writing.
  const foreign = byCookie !== null && byCookie.userId !== null && byCookie.userId !== key.userId;
  if (foreign && options.create) throw new Error("cart cookie belongs to another account; mint a new token before writing");
  const tokenHash = foreign ? null : key.tokenHash;
  let cart = byCookie && !foreign ? { id: byCookie.id, couponCode: byCookie.couponCode } : null;

  if (key.userId) {
    let others = await tx.cart.findMany({
      where: { userId: key.userId, ...(cart ? { id: { not: cart.id } } : {}) },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      select: { id: true, couponCode: true },
    });
    if (!cart && others.length > 0) {
      const [latest, ...rest] = others;
      if (tokenHash) await tx.cart.update({ where: { id: latest.id }, data: { tokenHash } });
      cart = latest;
      others = rest;
    }
    if (cart && byCookie && byCookie.userId === null) await tx.cart.update({ where: { id: cart.id }, data: { userId: key.userId } });
    if (cart) {
      for (const other of others) await mergeInto(tx, cart, other);
    }
  }

  if (!cart && options.create) {
    if (!key.tokenHash) throw new Error("a cart needs a cookie token");
    cart = await tx.cart.create({ data: { tokenHash: key.tokenHash, userId: key.userId }, select: { id: true, couponCode: true } });
  }
  return cart;
}

/** Moves another cart's items into `target`: one line per product, the larger quantity of the two; then the other cart goes. */
async function mergeInto(tx: Tx, target: { id: string; couponCode: string | null }, other: { id: string; couponCode: string | null }) {
  const theirs = await tx.cartItem.findMany({ where: { cartId: other.id }, select: { productId: true, quantity: true } });
  for (const item of theirs) {
    await tx.$executeRaw`
      INSERT INTO cart_items (id, cart_id, product_id, quantity, created_at)
      VALUES (${`ci_${randomUUID()}`}, ${target.id}, ${item.productId}, ${item.quantity}, now())
      ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = GREATEST(cart_items.quantity, EXCLUDED.quantity)`;
  }
  if (!target.couponCode && other.couponCode) {
    await tx.cart.update({ where: { id: target.id }, data: { couponCode: other.couponCode } });
    target.couponCode = other.couponCode;
  }
  await tx.cart.delete({ where: { id: other.id } });
}

/**
 * The cart as the buyer sees it, priced from the database now: lines, the code and whether it
 * applies, and the totals (cartTotals). Products no longer for sale are taken out and named in
 * `removedTitles`, so the buyer is told rather than surprised at the payment page.
 */
export async function loadCartView(tx: DbOrTx, cart: { id: string; couponCode: string | null } | null, now: Date): Promise<CartView> {
  if (!cart) return emptyView();
  const rows = await tx.cartItem.findMany({
    where: { cartId: cart.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      quantity: true,
      product: { select: { id: true, slug: true, kind: true, title: true, priceCents: true, currency: true, active: true, archivedAt: true } },
    },
  });
  const sellable = new Set(
    (await tx.product.findMany({ where: { id: { in: rows.map((row) => row.product.id) }, ...sellableProduct }, select: { id: true } })).map((p) => p.id),
  );
  const currency = rows.find((row) => sellable.has(row.product.id))?.product.currency;
  const gone = rows.filter((row) => !sellable.has(row.product.id) || row.product.currency !== currency);
  if (gone.length) await tx.cartItem.deleteMany({ where: { id: { in: gone.map((row) => row.id) } } });

  const items: CartItemView[] = rows
    .filter((row) => !gone.includes(row))
    .map(({ product, quantity }) => {
      const fixedQuantity = hasFixedQuantity(product.kind);
      const qty = fixedQuantity ? 1 : Math.min(Math.max(quantity, 1), MAX_QUANTITY);
      return {
        productId: product.id,
        slug: product.slug,
        kind: product.kind,
        title: product.title,
        unitPriceCents: product.priceCents,
        currency: product.currency,
        quantity: qty,
        totalCents: product.priceCents * qty,
        fixedQuantity,
      };
    });

  const coupon = cart.couponCode ? await tx.coupon.findUnique({ where: { code: cart.couponCode }, select: couponSelect }) : null;
  const totals = cartTotals({
    lines: items.map((item) => ({ productId: item.productId, title: item.title, unitPriceCents: item.unitPriceCents, quantity: item.quantity, currency: item.currency })),
    coupon,
    now,
  });
  let couponProblem: string | null = null;
  if (cart.couponCode && !coupon) couponProblem = couponRefusalMessage("unknown", cart.couponCode);
  else if (totals.coupon && !totals.coupon.ok) couponProblem = couponRefusalMessage(totals.coupon.reason, totals.coupon.code);

  return {
    cartId: cart.id,
    items,
    couponCode: cart.couponCode,
    couponProblem,
    totals,
    count: items.reduce((sum, item) => sum + item.quantity, 0),
    removedTitles: gone.map((row) => row.product.title),
  };
}

function emptyView(): CartView {
  return {
    cartId: null,
    items: [],
    couponCode: null,
    couponProblem: null,
    totals: { currency: null, lines: [], subtotalCents: 0, discountCents: 0, totalCents: 0, coupon: null },
    count: 0,
    removedTitles: [],
  };
}

/** The cart for a page: read (merging a signed-in user's carts), never created. */
export async function getCart(options: { db: Db; key: CartKey; now?: Date }): Promise<CartView> {
  const now = options.now ?? new Date();
  if (!options.key.tokenHash && !options.key.userId) return emptyView();
  return cartTransaction(options.db, options.key, async (tx) => loadCartView(tx, await resolveCart(tx, options.key, { create: false }), now));
}
