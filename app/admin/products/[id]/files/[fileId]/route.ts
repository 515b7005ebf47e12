import { Readable } from "node:stream";
import { openProductFileForCoach } from "@/lib/admin/products/open-product-file";
import { getDb } from "@/lib/db/client";
import { attachmentDisposition } from "@/lib/http/content-disposition";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// The coach downloads a product's file to check it, streamed from storage. The coach-only check is
// in openProductFileForCoach (assertCoach): 401 signed out, 403 for clients.
export const GET = route({ auth: "optional" }, async ({ params, user }) => {
  const file = await openProductFileForCoach({ db: getDb(), actor: user, productId: params.id ?? "", productFileId: params.fileId ?? "" });
  return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": attachmentDisposition(file.fileName),
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
});
