import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db/client";
import { serveProductImage } from "@/lib/downloads/serve-product-image";
import { errorResponse } from "@/lib/http/error-response";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, context: { params: Promise<{ productId: string }> }) {
  try {
    const { productId } = await context.params;
    return await serveProductImage({ db: getDb(), productId, ifNoneMatch: request.headers.get("if-none-match") });
  } catch (error) {
    return errorResponse(error);
  }
}
