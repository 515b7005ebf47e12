import { NextResponse } from "next/server";
import { z } from "zod";
import { revalidateProduct } from "@/app/admin/products/revalidate-product";
import { setProductImage } from "@/lib/admin/products/set-product-image";
import { getDb } from "@/lib/db/client";
import { declaredLength } from "@/lib/http/read-limited-body";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// Outer limits only; setProductImage checks the name with its own message.
const query = z.object({
  fileName: z.string({ error: "Choose an image to upload." }).max(1_000, "That file name is too long; rename the file and try again."),
});

/**
 * PUT /api/admin/products/<productId>/image?fileName=<name>, the body the image's bytes (PNG or JPEG,
 * up to 5 MB) → 200 { image: { id, fileName, sizeBytes, sha256 } }, replacing any previous image.
 * Only the coach, only from this site's pages; the bytes are not read before both are checked.
 * 400 unsupported_file_type / invalid_input, 401, 403, 404 product_not_found, 413 file_too_large.
 */
export const PUT = route({ body: "stream", query, auth: "required", sameOrigin: true }, async ({ request, body, query, params, user }) => {
  const { image } = await setProductImage({
    db: getDb(),
    actor: user,
    productId: params.productId,
    source: body,
    fileName: query.fileName,
    declaredBytes: declaredLength(request),
  });
  revalidateProduct(params.productId);
  const { id, fileName, sizeBytes, sha256 } = image;
  return NextResponse.json({ image: { id, fileName, sizeBytes, sha256 } }, { headers: { "Cache-Control": "no-store" } });
});
