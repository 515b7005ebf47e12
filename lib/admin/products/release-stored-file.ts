import type { Tx } from "../../db/client";

/**
 * Inside the caller's transaction: deletes a StoredFile row that nothing refers to any more (no
 * product file, no product image) and returns its storage key, so the caller can remove the bytes
 * once the transaction has committed. A file still in use is kept (null).
 */
export async function releaseStoredFile(tx: Tx, fileId: string): Promise<string | null> {
  const file = await tx.storedFile.findUnique({
    where: { id: fileId },
    select: { storageKey: true, _count: { select: { productFiles: true, productImages: true } } },
  });
  if (!file || file._count.productFiles > 0 || file._count.productImages > 0) return null;
  await tx.storedFile.delete({ where: { id: fileId } });
  return file.storageKey;
}
