import { Readable } from "node:stream";
import { openProductImageForCoach } from "@/lib/admin/products/open-product-image";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// The coach's preview of a product's image, hidden and archived products included. The coach-only
// check is in openProductImageForCoach (assertCoach): 401 signed out, 403 for clients.
export const GET = route({ auth: "optional" }, async ({ params, user }) => {
  const image = await openProductImageForCoach({ db: getDb(), actor: user, productId: params.id ?? "" });
  return new Response(Readable.toWeb(image.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.sizeBytes),
      ETag: `"${image.sha256}"`,
      "Cache-Control": "private, no-cache",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
});
