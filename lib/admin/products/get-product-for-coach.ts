import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { DbOrTx } from "../../db/client";
import { NotFoundError } from "../../errors";
import { idInput, parseInput } from "../parse-input";
import { productFields, productFileFields } from "./product-fields";

/** One product with every field the edit page shows, its files in order and its sales so far. */
export async function getProductForCoach(options: { db: DbOrTx; actor: CurrentUser | null; id: string }) {
  const { db, actor } = options;
  assertCoach(actor);
  const productId = parseInput(idInput, options.id);
  const product = await db.product.findUnique({
    where: { id: productId },
    select: {
      ...productFields,
      files: { orderBy: [{ position: "asc" }, { id: "asc" }], select: productFileFields },
      _count: { select: { entitlements: true, orderItems: true } },
    },
  });
  if (!product) throw new NotFoundError("That product was not found.", "product_not_found");
  const { _count, ...rest } = product;
  return { ...rest, entitlementCount: _count.entitlements, orderItemCount: _count.orderItems };
}

export type ProductForCoach = Awaited<ReturnType<typeof getProductForCoach>>;
