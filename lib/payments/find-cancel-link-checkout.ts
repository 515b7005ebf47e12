import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { NotFoundError } from "../errors";
import { isCancelLinkSignature } from "./checkout-return-urls";

const cancelLink = z.object({
  order: z.string().min(1).max(64),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/**
 * The checkout a cancel link (`/checkout/cancelled?order=…&sig=…`, see checkoutReturnUrls) belongs
 * to. The signature is checked before the database is asked: a guessed, altered or incomplete link
 * gets the same NotFoundError as an unknown order, learns nothing, and changes nothing.
 */
export async function findCancelLinkCheckout(options: { db: DbOrTx; link: unknown }): Promise<string> {
  const refused = new NotFoundError(
    "We couldn't find that checkout. The link may be incomplete; nothing has been changed, and a time held for a payment that isn't made is released on its own.",
    "checkout_not_found",
  );
  const link = cancelLink.safeParse(options.link);
  if (!link.success || !isCancelLinkSignature(link.data.order, link.data.sig)) throw refused;
  const order = await options.db.order.findUnique({ where: { id: link.data.order }, select: { checkoutId: true } });
  if (!order?.checkoutId) throw refused;
  return order.checkoutId;
}
