import type { Readable } from "node:stream";
import { z } from "zod";
import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { Db } from "../../db/client";
import { NotFoundError } from "../../errors";
import type { FileStorage } from "../../storage/file-storage";
import { getStorage } from "../../storage/get-storage";
import { storeUpload } from "../../storage/store-upload";
import { idInput, parseInput } from "../parse-input";
import { releaseStoredFile } from "./release-stored-file";

/** Images are small: 5 MB is plenty for a product picture. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const input = z.object({
  productId: idInput,
  fileName: z.string().trim().min(1, "Choose an image to upload.").max(255, "That file name is too long; rename the file and try again."),
});

/**
 * Sets (or replaces) a product's image: PNG or JPEG only, told by its first bytes, up to 5 MB.
 * The previous image's bytes are deleted once nothing else uses them.
 */
export async function setProductImage(options: {
  db: Db;
  actor: CurrentUser | null;
  productId: string;
  source: Readable | ReadableStream<Uint8Array>;
  fileName: string;
  maxBytes?: number;
  /** The request's Content-Length, when it declared one: over the limit is refused unread. */
  declaredBytes?: number;
  storage?: FileStorage;
}) {
  const { db, actor } = options;
  assertCoach(actor);
  const { productId, fileName } = parseInput(input, { productId: options.productId, fileName: options.fileName }, "That image needs another look.");
  const product = await db.product.findUnique({ where: { id: productId }, select: { id: true } });
  if (!product) throw new NotFoundError("That product was not found.", "product_not_found");

  const storage = options.storage ?? getStorage();
  const stored = await storeUpload({ db, source: options.source, fileName, maxBytes: options.maxBytes ?? MAX_IMAGE_BYTES, declaredBytes: options.declaredBytes, allowedTypes: ["png", "jpeg"], storage });
  let removedKey: string | null = null;
  try {
    removedKey = await db.$transaction(async (tx) => {
      const before = await tx.product.findUnique({ where: { id: productId }, select: { imageFileId: true } });
      if (!before) throw new NotFoundError("That product was not found.", "product_not_found");
      await tx.product.update({ where: { id: productId }, data: { imageFileId: stored.id } });
      await tx.auditLog.create({
        data: { actorId: actor.id, action: "product.image_set", entityType: "product", entityId: productId, data: { fileId: stored.id, sha256: stored.sha256 } },
      });
      return before.imageFileId ? releaseStoredFile(tx, before.imageFileId) : null;
    });
  } catch (error) {
    await db.storedFile.delete({ where: { id: stored.id } }).catch(() => undefined);
    await storage.remove(stored.storageKey);
    throw error;
  }
  if (removedKey) await storage.remove(removedKey);
  return { productId, image: { id: stored.id, fileName: stored.fileName, contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256 } };
}

/** Removes a product's image (the shop shows its plain placeholder). */
export async function removeProductImage(options: { db: Db; actor: CurrentUser | null; productId: string; storage?: FileStorage }) {
  const { db, actor } = options;
  assertCoach(actor);
  const productId = parseInput(idInput, options.productId);
  const removedKey = await db.$transaction(async (tx) => {
    const before = await tx.product.findUnique({ where: { id: productId }, select: { imageFileId: true } });
    if (!before) throw new NotFoundError("That product was not found.", "product_not_found");
    if (!before.imageFileId) return null;
    await tx.product.update({ where: { id: productId }, data: { imageFileId: null } });
    await tx.auditLog.create({ data: { actorId: actor.id, action: "product.image_removed", entityType: "product", entityId: productId, data: { fileId: before.imageFileId } } });
    return releaseStoredFile(tx, before.imageFileId);
  });
  if (removedKey) await (options.storage ?? getStorage()).remove(removedKey);
  return { productId };
}
