import type { DbOrTx } from "../db/client";

/**
 * Where to choose another time after a checkout didn't go through: the booking page of the session
 * type behind it while that type is still offered, /book otherwise (a shop order, an unknown id).
 */
export async function findRebookingPath(options: { db: DbOrTx; checkoutId: string }): Promise<string> {
  const item = await options.db.orderItem.findFirst({
    where: { order: { checkoutId: options.checkoutId }, kind: "BOOKING" },
    select: { booking: { select: { sessionType: { select: { slug: true, active: true } } } } },
  });
  const type = item?.booking?.sessionType;
  return type?.active ? `/book/${encodeURIComponent(type.slug)}` : "/book";
}
