import type { NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { createDownloadLink } from "@/lib/downloads/create-download-link";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const redirect = (location: string) => new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });

/**
 * The library's download buttons post here: a fresh 10-minute link is minted for the signed-in
 * user's own file on every click and the browser is sent straight to it, so no link on the page can
 * go stale. Refusals go back to the library with a notice it explains.
 */
export async function POST(request: NextRequest) {
  const form = await request.formData().catch(() => null);
  const entitlementId = String(form?.get("entitlementId") ?? "");
  const productFileId = String(form?.get("productFileId") ?? "");
  const user = await getCurrentUser();
  if (!user) return redirect(`/signin?callbackUrl=${encodeURIComponent("/account/library")}`);
  try {
    const link = await createDownloadLink({ db: getDb(), user, entitlementId, productFileId });
    return redirect(link.path);
  } catch (error) {
    if (error instanceof AppError) return redirect(`/account/library?notice=${encodeURIComponent(error.code)}`);
    throw error;
  }
}
