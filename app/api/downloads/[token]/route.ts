import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db/client";
import { downloadErrorResponse } from "@/lib/downloads/download-error-response";
import { serveDownload } from "@/lib/downloads/serve-download";
import { clientIp } from "@/lib/http/client-ip";

// The file streams straight from storage; the token is checked against the database on every request.
export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, context: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await context.params;
    return await serveDownload({ db: getDb(), token, ip: clientIp(request.headers) });
  } catch (error) {
    return downloadErrorResponse(error, request.headers.get("accept"));
  }
}
