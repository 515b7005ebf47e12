import type { DbOrTx } from "../db/client";
import { NotFoundError } from "../errors";
import { isSlug } from "../session-types/limits";
import { productCardFields, sellableProduct, type ProductCard } from "./list-products";

export type ProductDetail = ProductCard & {
  description: string;
  highlights: string[];
  /** What a DOWNLOAD contains, by the titles the buyer will see in their library. */
  fileTitles: string[];
};

/** One product for /shop/[slug]; NotFoundError for an unknown, inactive, archived or unsellable one. */
export async function getProduct(options: { db: DbOrTx; slug: string }): Promise<ProductDetail> {
  const notFound = new NotFoundError("We couldn't find that product. It may have been taken out of the shop.", "product_not_found");
  if (!isSlug(options.slug)) throw notFound;
  const product = await options.db.product.findFirst({
    where: { slug: options.slug, ...sellableProduct },
    select: {
      ...productCardFields,
      description: true,
      highlights: true,
      files: { orderBy: [{ position: "asc" }, { title: "asc" }], select: { title: true } },
    },
  });
  if (!product) throw notFound;
  const { files, ...rest } = product;
  return { ...rest, fileTitles: files.map((file) => file.title) };
}
