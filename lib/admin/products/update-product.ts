import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { Db } from "../../db/client";
import { InvalidInputError, NotFoundError } from "../../errors";
import { idInput, parseInput } from "../parse-input";
import { SELLABLE_PRODUCT_KINDS } from "./limits";
import { productFields, productSlugConflict } from "./product-fields";
import { productInput, type ProductInput } from "./product-input";

/**
 * Saves every field of a product. Orders already placed keep their own title and price (order items
 * copy them); buyers keep their access. The kind can move between download and course; a product
 * of another kind (the email series) keeps its kind.
 */
export async function updateProduct(options: { db: Db; actor: CurrentUser | null; id: string; input: ProductInput }) {
  const { db, actor } = options;
  assertCoach(actor);
  const productId = parseInput(idInput, options.id);
  const input = parseInput(productInput, options.input, "Some details of the product need another look.");

  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.product.findUnique({ where: { id: productId }, select: productFields });
      if (!before) throw new NotFoundError("That product was not found.", "product_not_found");
      if (input.kind !== before.kind && !(SELLABLE_PRODUCT_KINDS as readonly string[]).includes(input.kind)) {
        throw new InvalidInputError("Some details of the product need another look.", { kind: "Choose a download or a course." });
      }
      if (input.active && before.archivedAt) {
        throw new InvalidInputError("Some details of the product need another look.", { active: "Restore the product from the archive first, then it can go back in the shop." });
      }
      const updated = await tx.product.update({ where: { id: productId }, data: input, select: productFields });
      const changed = Object.fromEntries(
        Object.entries(input).filter(([key, value]) => JSON.stringify(before[key as keyof typeof before]) !== JSON.stringify(value)),
      );
      await tx.auditLog.create({
        data: {
          actorId: actor.id,
          action: before.active && !input.active ? "product.deactivated" : !before.active && input.active ? "product.activated" : "product.updated",
          entityType: "product",
          entityId: productId,
          data: { changed },
        },
      });
      return updated;
    });
  } catch (error) {
    throw productSlugConflict(error, input.slug) ?? error;
  }
}
