import type { Readable } from "node:stream";
import { z } from "zod";
import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { DbOrTx } from "../../db/client";
import { openedOrUnavailable } from "../../downloads/serve-download";
import { NotFoundError } from "../../errors";
import type { FileStorage } from "../../storage/file-storage";
import { getStorage } from "../../storage/get-storage";
import { idInput, parseInput } from "../parse-input";

const input = z.object({ productId: idInput, productFileId: idInput });

/**
 * One of a product's files for the coach to check what buyers get: a stream with its headers'
 * facts, already open, so a file missing from storage is a 503 rather than a download that breaks
 * after its 200.
 */
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
  const stream = (options.storage ?? getStorage()).read(storageKey);
  await openedOrUnavailable(stream, `product file ${productFileId}`);
  return { stream, ...facts };
}
