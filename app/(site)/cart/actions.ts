"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { storableText } from "@/lib/admin/parse-input";
import { getCurrentUser } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formAction, type ActionState } from "@/lib/http/action";
import { clientIp } from "@/lib/http/client-ip";
import { addToCart } from "@/lib/shop/add-to-cart";
import { applyCoupon, removeCoupon } from "@/lib/shop/apply-coupon";
import { readCartKey, setCartCount, writableCartKey } from "@/lib/shop/cart-cookie";
import { checkoutCart } from "@/lib/shop/checkout-cart";
import { removeFromCart } from "@/lib/shop/remove-from-cart";
import { updateCartItem } from "@/lib/shop/update-cart-item";

// The cart's forms. Adding, removing and changing a quantity are plain form posts that end in a
// redirect, so they work before (or without) JavaScript; the code and checkout forms answer with
// a state (useActionState) so their messages can sit next to the field.

const id = storableText.trim().min(1).max(64);
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

async function userId(): Promise<string | null> {
  return (await getCurrentUser())?.id ?? null;
}

export async function addToCartAction(formData: FormData): Promise<void> {
  const slug = field(formData, "slug");
  const back = SLUG.test(slug) ? `/shop/${slug}` : "/shop";
  const productId = id.safeParse(field(formData, "productId"));
  if (!productId.success) redirect(back);
  const quantity = Number(field(formData, "quantity") || "1");
  const db = getDb();
  let count: number;
  try {
    const key = await writableCartKey(db, await userId());
    ({ count } = await addToCart({ db, key, productId: productId.data, quantity: Number.isFinite(quantity) ? quantity : 1 }));
  } catch (error) {
    if (error instanceof AppError) redirect(`${back}?problem=${encodeURIComponent(error.code)}`);
    throw error;
  }
  await setCartCount(count);
  redirect(`/cart?added=${encodeURIComponent(productId.data)}`);
}

export async function updateQuantityAction(formData: FormData): Promise<void> {
  const productId = id.safeParse(field(formData, "productId"));
  const quantity = Number(field(formData, "quantity"));
  if (productId.success && Number.isFinite(quantity)) {
    const db = getDb();
    const view = await updateCartItem({ db, key: await readCartKey(await userId()), productId: productId.data, quantity });
    await setCartCount(view.count);
  }
  revalidatePath("/cart");
  redirect("/cart");
}

export async function removeFromCartAction(formData: FormData): Promise<void> {
  const productId = id.safeParse(field(formData, "productId"));
  if (productId.success) {
    const view = await removeFromCart({ db: getDb(), key: await readCartKey(await userId()), productId: productId.data });
    await setCartCount(view.count);
  }
  revalidatePath("/cart");
  redirect("/cart?removed=1");
}

export async function removeCouponAction(): Promise<void> {
  await removeCoupon({ db: getDb(), key: await readCartKey(await userId()) });
  revalidatePath("/cart");
  redirect("/cart");
}

export type CouponState = ActionState<{ code: string }>;

const applyCode = formAction(z.object({ code: z.string().max(200).default("") }), async ({ code }) => {
  const view = await applyCoupon({ db: getDb(), key: await readCartKey(await userId()), code, ip: clientIp(await headers()) });
  revalidatePath("/cart");
  return { code: view.couponCode ?? code };
});

export async function applyCouponAction(previous: CouponState, formData: FormData): Promise<CouponState> {
  return applyCode(previous, formData);
}

export type CheckoutState = ActionState<undefined>;

/** The path and query of a URL on this site, so the redirect stays on the host in use; other URLs (Stripe) as they are. */
function redirectTarget(url: string): string {
  const base = config().APP_URL.replace(/\/+$/, "");
  if (!url.startsWith(`${base}/`)) return url;
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

const checkout = formAction(z.object({ email: z.string().max(320).default("") }), async ({ email }): Promise<undefined> => {
  const user = await getCurrentUser();
  let checkoutUrl: string;
  try {
    ({ checkoutUrl } = await checkoutCart({ db: getDb(), key: await readCartKey(user?.id ?? null), email, actor: user, ip: clientIp(await headers()) }));
  } catch (error) {
    // The cart may have changed (a product gone, a code used up): show it as it is now.
    revalidatePath("/cart");
    throw error;
  }
  redirect(redirectTarget(checkoutUrl));
});

export async function checkoutAction(previous: CheckoutState, formData: FormData): Promise<CheckoutState> {
  return checkout(previous, formData);
}
