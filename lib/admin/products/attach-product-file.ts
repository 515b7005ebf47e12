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
import { MAX_FILE_TITLE_LENGTH } from "./limits";
import { productFileFields } from "./product-fields";

const input = z.object({
  productId: idInput,
  /** What the buyer sees in their library; the file's name when left empty. */
  title: z.string().trim().max(MAX_FILE_TITLE_LENGTH, `Keep the title under ${MAX_FILE_TITLE_LENGTH} characters.`).optional(),
  fileName: z.string().trim().min(1, "Choose a file to upload.").max(255, "That file name is too long; rename the file and try again."),
});

/**
 * Adds a file (PDF, ZIP, PNG or JPEG, up to UPLOAD_MAX_MB) to a product, after its other files.
 * The upload streams through storeUpload: type checked by its first bytes, size counted, SHA-256
 * computed, StoredFile row created. Buyers of the product see it in their library at once.
 */
export async function attachProductFile(options: {
  db: Db;
  actor: CurrentUser | null;
  productId: string;
  source: Readable | ReadableStream<Uint8Array>;
  fileName: string;
  title?: string;
  maxBytes?: number;
  /** The request's Content-Length, when it declared one: over the limit is refused unread. */
  declaredBytes?: number;
  storage?: FileStorage;
}) {
  const { db, actor } = options;
  assertCoach(actor);
  const { productId, title, fileName } = parseInput(input, { productId: options.productId, title: options.title, fileName: options.fileName }, "That file needs another look.");
  const product = await db.product.findUnique({ where: { id: productId }, select: { id: true } });
  if (!product) throw new NotFoundError("That product was not found.", "product_not_found");

  const storage = options.storage ?? getStorage();
  const stored = await storeUpload({ db, source: options.source, fileName, maxBytes: options.maxBytes, declaredBytes: options.declaredBytes, storage });
  try {
    return await db.$transaction(async (tx) => {
      const { _max } = await tx.productFile.aggregate({ where: { productId }, _max: { position: true } });
      const created = await tx.productFile.create({
        data: { productId, fileId: stored.id, title: title || stored.fileName.replace(/\.[a-z0-9]+$/i, ""), position: (_max.position ?? 0) + 1 },
        select: productFileFields,
      });
      await tx.auditLog.create({
        data: {
          actorId: actor.id,
          action: "product.file_added",
          entityType: "product",
          entityId: productId,
          data: { productFileId: created.id, fileId: stored.id, fileName: stored.fileName, sizeBytes: stored.sizeBytes, sha256: stored.sha256 },
        },
      });
      return created;
    });
  } catch (error) {
    // The product went away meanwhile (or the insert failed): don't keep an orphan file.
    await db.storedFile.delete({ where: { id: stored.id } }).catch(() => undefined);
    await storage.remove(stored.storageKey);
    throw error;
  }
}
