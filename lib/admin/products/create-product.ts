import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { Db } from "../../db/client";
import { InvalidInputError } from "../../errors";
import { parseInput } from "../parse-input";
import { SELLABLE_PRODUCT_KINDS } from "./limits";
import { productFields, productSlugConflict } from "./product-fields";
import { productInput, type ProductInput } from "./product-input";

/**
 * A new product, listed after the others. In the shop at once when active (a download without
 * files yet can still be hidden by leaving it inactive). A slug already in use is a ConflictError
 * with a `slug` field error: the database's unique key decides, so two tabs cannot both win.
 */
export async function createProduct(options: { db: Db; actor: CurrentUser | null; input: ProductInput }) {
  const { db, actor } = options;
  assertCoach(actor);
  const input = parseInput(productInput, options.input, "Some details of the product need another look.");
  if (!(SELLABLE_PRODUCT_KINDS as readonly string[]).includes(input.kind)) {
    throw new InvalidInputError("Some details of the product need another look.", { kind: "Choose a download or a course." });
  }
  try {
    return await db.$transaction(async (tx) => {
      const { _max } = await tx.product.aggregate({ _max: { position: true } });
      const created = await tx.product.create({ data: { ...input, position: (_max.position ?? 0) + 1 }, select: productFields });
      await tx.auditLog.create({ data: { actorId: actor.id, action: "product.created", entityType: "product", entityId: created.id, data: input } });
      return created;
    });
  } catch (error) {
    throw productSlugConflict(error, input.slug) ?? error;
  }
}
