import type { Readable } from "node:stream";
import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { DbOrTx } from "../../db/client";
import { NotFoundError } from "../../errors";
import type { FileStorage } from "../../storage/file-storage";
import { getStorage } from "../../storage/get-storage";
import { parseInput } from "../parse-input";
import { idInput } from "./product-input";

/** Any product's image for the back office (archived and hidden ones too), as a stream with its headers' facts. */
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
  return { stream: (options.storage ?? getStorage()).read(storageKey), ...facts };
}
