import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { Db } from "../../db/client";
import { NotFoundError } from "../../errors";
import { idInput, parseInput } from "../parse-input";
import { productFields } from "./product-fields";

/**
 * Takes a product out of the shop and out of the main list; nothing is deleted. Buyers keep their
 * downloads and course access, and past orders keep showing it. Archiving twice changes nothing.
 */
export async function archiveProduct(options: { db: Db; actor: CurrentUser | null; id: string; now?: Date }) {
  const { db, actor } = options;
  assertCoach(actor);
  const productId = parseInput(idInput, options.id);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await tx.product.findUnique({ where: { id: productId }, select: { archivedAt: true } });
    if (!before) throw new NotFoundError("That product was not found.", "product_not_found");
    if (before.archivedAt) return tx.product.findUniqueOrThrow({ where: { id: productId }, select: productFields });
    const updated = await tx.product.update({ where: { id: productId }, data: { archivedAt: now, active: false }, select: productFields });
    await tx.auditLog.create({ data: { actorId: actor.id, action: "product.archived", entityType: "product", entityId: productId, data: {} } });
    return updated;
  });
}

/** Brings an archived product back to the list, still hidden from the shop until the coach offers it again. */
export async function unarchiveProduct(options: { db: Db; actor: CurrentUser | null; id: string }) {
  const { db, actor } = options;
  assertCoach(actor);
  const productId = parseInput(idInput, options.id);
  return db.$transaction(async (tx) => {
    const before = await tx.product.findUnique({ where: { id: productId }, select: { archivedAt: true } });
    if (!before) throw new NotFoundError("That product was not found.", "product_not_found");
    if (!before.archivedAt) return tx.product.findUniqueOrThrow({ where: { id: productId }, select: productFields });
    const updated = await tx.product.update({ where: { id: productId }, data: { archivedAt: null }, select: productFields });
    await tx.auditLog.create({ data: { actorId: actor.id, action: "product.unarchived", entityType: "product", entityId: productId, data: {} } });
    return updated;
  });
}
