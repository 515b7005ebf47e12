import type { DbOrTx } from "../db/client";
import type { Prisma, ProductKind } from "../db/generated/client";

/** Kinds sold through the cart. SERIES (the free email series) is signed up for, not bought. */
export const SELLABLE_KINDS: ProductKind[] = ["DOWNLOAD", "COURSE", "PHYSICAL"];

/** A product anyone may see and buy: active, not archived, of a kind the cart sells. */
export const sellableProduct = { active: true, archivedAt: null, kind: { in: SELLABLE_KINDS } } satisfies Prisma.ProductWhereInput;

/** Downloads and course access are one per buyer; only physical goods come in more than one. */
export function hasFixedQuantity(kind: ProductKind): boolean {
  return kind !== "PHYSICAL";
}

export type ProductCard = {
  id: string;
  slug: string;
  kind: ProductKind;
  title: string;
  summary: string;
  priceCents: number;
  currency: string;
  imageFileId: string | null;
};

/** What a product card reads (select, never include): the shop's pages and the coach's product list start from it. */
export const productCardFields = {
  id: true,
  slug: true,
  kind: true,
  title: true,
  summary: true,
  priceCents: true,
  currency: true,
  imageFileId: true,
} satisfies Prisma.ProductSelect;

/** The /shop catalogue, in the coach's order. */
export async function listProducts(options: { db: DbOrTx }): Promise<ProductCard[]> {
  return options.db.product.findMany({
    where: sellableProduct,
    orderBy: [{ position: "asc" }, { title: "asc" }],
    select: productCardFields,
  });
}
