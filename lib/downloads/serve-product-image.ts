import type { DbOrTx } from "../db/client";
import { NotFoundError } from "../errors";
import type { FileStorage } from "../storage/file-storage";
import { getStorage } from "../storage/get-storage";
import { opened, webStream } from "./serve-download";

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * GET /api/product-images/<productId>: the image of a product that is on sale (active, not
 * archived), public and cacheable. The ETag is the file's SHA-256, so a replaced image is fetched
 * again at once while an unchanged one answers 304.
 */
export async function serveProductImage(options: {
  db: DbOrTx;
  productId: string;
  ifNoneMatch?: string | null;
  storage?: FileStorage;
}): Promise<Response> {
  if (!ID_PATTERN.test(options.productId)) throw new NotFoundError("There is no image here.");
  const product = await options.db.product.findFirst({
    where: { id: options.productId, active: true, archivedAt: null },
    select: { image: { select: { storageKey: true, contentType: true, sizeBytes: true, sha256: true } } },
  });
  const image = product?.image;
  if (!image || !image.contentType.startsWith("image/")) throw new NotFoundError("There is no image here.");
  const etag = `"${image.sha256}"`;
  const headers: Record<string, string> = {
    "Cache-Control": "public, max-age=300, stale-while-revalidate=86400",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  };
  if (options.ifNoneMatch?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  const stream = (options.storage ?? getStorage()).read(image.storageKey);
  await opened(stream).catch(() => {
    throw new NotFoundError("There is no image here.");
  });
  return new Response(webStream(stream), {
    status: 200,
    headers: { ...headers, "Content-Type": image.contentType, "Content-Length": String(image.sizeBytes) },
  });
}
