import { cookies } from "next/headers";
import { config } from "../config";
import type { Db } from "../db/client";
import type { CartKey } from "./cart";
import { createCartToken, hashCartToken, isCartToken } from "./cart-token";

// The cart lives on the server; the browser holds only a random token (httpOnly) whose SHA-256 is
// the cart's key. A second, readable cookie carries nothing but the item count, for the header's
// cart link on pages that are otherwise static.

export const CART_COOKIE = "cart";
// Its name is shared with components/shop/cart-count.ts (the browser side).
export const CART_COUNT_COOKIE = "cart_count";
const MAX_AGE_SECONDS = 90 * 24 * 60 * 60;

function secure(): boolean {
  return config().APP_URL.startsWith("https:");
}

/** The cart key for reading: this browser's cookie (if it holds a token) and the signed-in user. */
export async function readCartKey(userId: string | null): Promise<CartKey> {
  const token = (await cookies()).get(CART_COOKIE)?.value;
  return { tokenHash: isCartToken(token) ? hashCartToken(token) : null, userId };
}

/**
 * The cart key for a change (server actions and route handlers only: it may set the cookie). A
 * browser without a usable token gets a new one, as does one whose token finds a cart that belongs
 * to another account (someone signed out here): that cart is left alone. The cookie's life is
 * renewed on every change.
 */
export async function writableCartKey(db: Db, userId: string | null): Promise<CartKey & { tokenHash: string }> {
  const jar = await cookies();
  const current = jar.get(CART_COOKIE)?.value;
  let token = isCartToken(current) ? current : null;
  if (token) {
    const cart = await db.cart.findUnique({ where: { tokenHash: hashCartToken(token) }, select: { userId: true } });
    if (cart?.userId && cart.userId !== userId) token = null;
  }
  if (!token) token = createCartToken().token;
  jar.set(CART_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: secure(), path: "/", maxAge: MAX_AGE_SECONDS });
  return { tokenHash: hashCartToken(token), userId };
}

/** Keeps the header's count in step after a change (server actions and route handlers only). */
export async function setCartCount(count: number): Promise<void> {
  const jar = await cookies();
  if (count > 0) jar.set(CART_COUNT_COOKIE, String(count), { httpOnly: false, sameSite: "lax", secure: secure(), path: "/", maxAge: MAX_AGE_SECONDS });
  else jar.delete(CART_COUNT_COOKIE);
}
