import type { Readable } from "node:stream";
import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { DbOrTx } from "../../db/client";
import { openedOrUnavailable } from "../../downloads/serve-download";
import { NotFoundError } from "../../errors";
import type { FileStorage } from "../../storage/file-storage";
import { getStorage } from "../../storage/get-storage";
import { idInput, parseInput } from "../parse-input";

/**
 * Any product's image for the back office (archived and hidden ones too), as a stream with its
 * headers' facts, already open: a file missing from storage is a 503, not a 200 that breaks.
 */
export async function openProductImageForCoach(options: { db: DbOrTx; actor: CurrentUser | null; productId: string; storage?: FileStorage }): Promise<{
  stream: Readable;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}> {
  const { db, actor } = options;
  assertCoach(actor);
  const productId = parseInput(idInput, options.productId);
  const product = await db.product.findUnique({ where: { id: productId }, select: { image: { select: { storageKey: true, contentType: true, sizeBytes: true, sha256: true } } } });
  if (!product?.image) throw new NotFoundError("This product has no image.", "image_not_found");
  const { storageKey, ...facts } = product.image;
  const stream = (options.storage ?? getStorage()).read(storageKey);
  await openedOrUnavailable(stream, `product image ${productId}`);
  return { stream, ...facts };
}
