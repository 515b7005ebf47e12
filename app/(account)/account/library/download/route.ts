import type { NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { createDownloadLink } from "@/lib/downloads/create-download-link";
import { AppError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/read-limited-body";

export const dynamic = "force-dynamic";

// Two ids of at most a few dozen characters each.
const MAX_FORM_BYTES = 4 * 1024;

const redirect = (location: string) => new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });

/**
 * The library's download buttons post here: a fresh 10-minute link is minted for the signed-in
 * user's own file on every click and the browser is sent straight to it, so no link on the page can
 * go stale. Refusals go back to the library with a notice it explains.
 */
export async function POST(request: NextRequest) {
  // Who is asking first, then the two ids: a signed-out request is never read, and a signed-in one
  // only up to a size no real form comes near.
  const user = await getCurrentUser();
  if (!user) return redirect(`/signin?callbackUrl=${encodeURIComponent("/account/library")}`);
  try {
    const form = new URLSearchParams(await readLimitedBody(request, MAX_FORM_BYTES));
    const entitlementId = form.get("entitlementId") ?? "";
    const productFileId = form.get("productFileId") ?? "";
    const link = await createDownloadLink({ db: getDb(), user, entitlementId, productFileId });
    return redirect(link.path);
  } catch (error) {
    if (error instanceof AppError) return redirect(`/account/library?notice=${encodeURIComponent(error.code)}`);
    throw error;
  }
}
