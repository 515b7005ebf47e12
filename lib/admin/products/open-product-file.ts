import type { Readable } from "node:stream";
import { z } from "zod";
import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { DbOrTx } from "../../db/client";
import { NotFoundError } from "../../errors";
import type { FileStorage } from "../../storage/file-storage";
import { getStorage } from "../../storage/get-storage";
import { parseInput } from "../parse-input";
import { idInput } from "./product-input";

const input = z.object({ productId: idInput, productFileId: idInput });

/** One of a product's files for the coach to check what buyers get: a stream with its headers' facts. */
export async function openProductFileForCoach(options: { db: DbOrTx; actor: CurrentUser | null; productId: string; productFileId: string; storage?: FileStorage }): Promise<{
  stream: Readable;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}> {
  const { db, actor } = options;
  assertCoach(actor);
  const { productId, productFileId } = parseInput(input, { productId: options.productId, productFileId: options.productFileId });
  const row = await db.productFile.findFirst({
    where: { id: productFileId, productId },
    select: { file: { select: { storageKey: true, fileName: true, contentType: true, sizeBytes: true } } },
  });
  if (!row) throw new NotFoundError("That file is no longer on this product.", "product_file_not_found");
  const { storageKey, ...facts } = row.file;
  return { stream: (options.storage ?? getStorage()).read(storageKey), ...facts };
}
