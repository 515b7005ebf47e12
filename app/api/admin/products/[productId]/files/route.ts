import { NextResponse } from "next/server";
import { z } from "zod";
import { revalidateProduct } from "@/app/admin/products/revalidate-product";
import { attachProductFile } from "@/lib/admin/products/attach-product-file";
import { getDb } from "@/lib/db/client";
import { declaredLength } from "@/lib/http/read-limited-body";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// Outer limits only; attachProductFile checks the name and title with its own messages.
const query = z.object({
  fileName: z.string({ error: "Choose a file to upload." }).max(1_000, "That file name is too long; rename the file and try again."),
  title: z.string().max(1_000, "Keep the title shorter.").optional(),
});

/**
 * POST /api/admin/products/<productId>/files?fileName=<name>&title=<optional>, the body the file's
 * bytes → 201 { productFile: { id, title, fileName, sizeBytes, sha256 } }. Only the coach, only from
 * this site's pages; the bytes stream to storage and are not read before both are checked.
 * 400 unsupported_file_type / invalid_input, 401, 403, 404 product_not_found, 413 file_too_large.
 */
export const POST = route({ body: "stream", query, auth: "required", sameOrigin: true }, async ({ request, body, query, params, user }) => {
  const created = await attachProductFile({
    db: getDb(),
    actor: user,
    productId: params.productId,
    source: body,
    fileName: query.fileName,
    title: query.title?.trim() || undefined,
    declaredBytes: declaredLength(request),
  });
  revalidateProduct(params.productId);
  const { id, title, file } = created;
  return NextResponse.json(
    { productFile: { id, title, fileName: file.fileName, sizeBytes: file.sizeBytes, sha256: file.sha256 } },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
