import { z } from "zod";
import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { Db } from "../../db/client";
import { NotFoundError } from "../../errors";
import type { FileStorage } from "../../storage/file-storage";
import { getStorage } from "../../storage/get-storage";
import { idInput, parseInput } from "../parse-input";
import { releaseStoredFile } from "./release-stored-file";

const input = z.object({ productId: idInput, productFileId: idInput });

/**
 * Takes a file off a product: buyers no longer see it in their library. The stored bytes are
 * deleted once nothing else uses them (after the transaction commits).
 */
export async function removeProductFile(options: { db: Db; actor: CurrentUser | null; productId: string; productFileId: string; storage?: FileStorage }) {
  const { db, actor } = options;
  assertCoach(actor);
  const { productId, productFileId } = parseInput(input, { productId: options.productId, productFileId: options.productFileId });
  const { removedKey, title } = await db.$transaction(async (tx) => {
    const row = await tx.productFile.findFirst({ where: { id: productFileId, productId }, select: { id: true, title: true, fileId: true } });
    if (!row) throw new NotFoundError("That file is no longer on this product.", "product_file_not_found");
    await tx.productFile.delete({ where: { id: row.id } });
    const key = await releaseStoredFile(tx, row.fileId);
    await tx.auditLog.create({
      data: { actorId: actor.id, action: "product.file_removed", entityType: "product", entityId: productId, data: { productFileId, fileId: row.fileId, title: row.title } },
    });
    return { removedKey: key, title: row.title };
  });
  if (removedKey) await (options.storage ?? getStorage()).remove(removedKey);
  return { productFileId, title };
}
