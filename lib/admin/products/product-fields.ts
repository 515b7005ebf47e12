import { Prisma } from "../../db/generated/client";
import { ConflictError } from "../../errors";

/** What the admin reads of a product (select, never include). */
export const productFields = {
  id: true,
  slug: true,
  kind: true,
  title: true,
  summary: true,
  description: true,
  highlights: true,
  priceCents: true,
  currency: true,
  active: true,
  position: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  image: { select: { id: true, fileName: true, contentType: true, sizeBytes: true, sha256: true } },
} satisfies Prisma.ProductSelect;

export const productFileFields = {
  id: true,
  title: true,
  position: true,
  file: { select: { id: true, fileName: true, contentType: true, sizeBytes: true, sha256: true, createdAt: true } },
} satisfies Prisma.ProductFileSelect;

/** A unique-key violation on the slug, as a field error the form shows next to the web address. */
export function productSlugConflict(error: unknown, slug: string): ConflictError | null {
  // The slug is the only unique key on products a write can break (ids are generated).
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  return new ConflictError("slug_taken", "That web address is already used by another product.", {
    fields: { slug: `“${slug}” is already used by another product. Choose a different web address.` },
  });
}
