import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { readCartKey } from "@/lib/shop/cart-cookie";
import { emptyPaidCart } from "@/lib/shop/empty-cart";

/** For the success page: the paid order's products leave this browser's cart. Returns what is left in it. */
export async function emptyCartAfterPayment(checkoutId: string): Promise<number> {
  const user = await getCurrentUser();
  const view = await emptyPaidCart({ db: getDb(), key: await readCartKey(user?.id ?? null), checkoutId });
  return view.count;
}
