import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db/client";
import { downloadErrorResponse } from "@/lib/downloads/download-error-response";
import { serveDownload } from "@/lib/downloads/serve-download";
import { clientIp } from "@/lib/http/client-ip";

// The file streams straight from storage; the token is checked against the database on every request.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

async function download(request: NextRequest, context: Context, method: "GET" | "HEAD") {
  try {
    const { token } = await context.params;
    const { headers } = request;
    return await serveDownload({ db: getDb(), token, ip: clientIp(headers), method, range: headers.get("range"), ifRange: headers.get("if-range") });
  } catch (error) {
    return downloadErrorResponse(error, request.headers.get("accept"));
  }
}

export function GET(request: NextRequest, context: Context) {
  return download(request, context, "GET");
}

// Declared so that HEAD (download managers ask it before a download) never counts one: Next.js
// would otherwise answer HEAD by running GET.
export function HEAD(request: NextRequest, context: Context) {
  return download(request, context, "HEAD");
}
