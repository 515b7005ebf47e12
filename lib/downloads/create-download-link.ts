import { isStorableText } from "../admin/parse-input";
import type { CurrentUser } from "../auth/current-user";
import { config } from "../config";
import type { DbOrTx } from "../db/client";
import { AuthRequiredError, NotFoundError } from "../errors";
import { accessEndedError, DOWNLOAD_LIMIT, downloadLimitError } from "./download-errors";
import { signDownloadToken } from "./download-token";

/**
 * The only way a download token is minted: for the signed-in user's own entitlement (matched by
 * their email in the query itself) and a file of that entitlement's product. Someone else's
 * entitlement or file reads exactly like one that does not exist.
 */
export async function createDownloadLink(options: {
  db: DbOrTx;
  user: CurrentUser | null;
  entitlementId: string;
  productFileId: string;
  now?: Date;
}): Promise<{ url: string; path: string; expiresAt: Date }> {
  const { db, user, entitlementId, productFileId } = options;
  if (!user) throw new AuthRequiredError("Please sign in to download your files.");
  // The ids come from a form: ones PostgreSQL can't compare (a NUL) name nothing, like unknown ones.
  const entitlement =
    isStorableText(entitlementId) && isStorableText(productFileId)
      ? await db.entitlement.findFirst({
          where: { id: entitlementId, email: user.email.toLowerCase(), product: { files: { some: { id: productFileId } } } },
          select: { id: true, status: true, downloadCount: true },
        })
      : null;
  if (!entitlement) throw new NotFoundError("We couldn't find that file in your library.");
  if (entitlement.status !== "ACTIVE") throw accessEndedError();
  if (entitlement.downloadCount >= DOWNLOAD_LIMIT) throw downloadLimitError();
  const { token, expiresAt } = signDownloadToken({ entitlementId, productFileId, now: options.now });
  const path = `/api/downloads/${token}`;
  return { url: `${config().APP_URL}${path}`, path, expiresAt };
}
