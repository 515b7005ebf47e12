import { z } from "zod";
import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { DbOrTx } from "../../db/client";
import { productCardFields } from "../../shop/list-products";
import { parseInput } from "../parse-input";

const filters = z.object({
  /** false (default): products in use; true: the archived ones. */
  archived: z.boolean().default(false),
});

/**
 * The shop's products for the back office, in the shop's order: active first. Each with its file
 * count, whether it has an image, and how many buyers hold it (active entitlements).
 */
export async function listProductsForCoach(options: { db: DbOrTx; actor: CurrentUser | null; filters?: z.input<typeof filters> }) {
  const { db, actor } = options;
  assertCoach(actor);
  const { archived } = parseInput(filters, options.filters ?? {});
  const rows = await db.product.findMany({
    where: { archivedAt: archived ? { not: null } : null },
    orderBy: [{ active: "desc" }, { position: "asc" }, { title: "asc" }],
    select: {
      ...productCardFields,
      active: true,
      archivedAt: true,
      _count: { select: { files: true, entitlements: { where: { status: "ACTIVE" } } } },
    },
  });
  const archivedCount = archived ? rows.length : await db.product.count({ where: { archivedAt: { not: null } } });
  return {
    products: rows.map(({ _count, imageFileId, ...row }) => ({ ...row, hasImage: imageFileId !== null, fileCount: _count.files, activeEntitlements: _count.entitlements })),
    archivedCount,
  };
}
