"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { archiveProduct, unarchiveProduct } from "@/lib/admin/products/archive-product";
import { createProduct } from "@/lib/admin/products/create-product";
import type { ProductInput } from "@/lib/admin/products/product-input";
import { removeProductFile } from "@/lib/admin/products/remove-product-file";
import { removeProductImage } from "@/lib/admin/products/set-product-image";
import { updateProduct } from "@/lib/admin/products/update-product";
import { parseMoneyAmount } from "@/lib/admin/parse-money-amount";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { formAction, type ActionState } from "@/lib/http/action";
import { revalidateProduct } from "./revalidate-product";

// The product form's fields, as FormData sends them (strings), turned into the domain's input: the
// price from major units ("18.50") into minor units, the highlights one per line. The domain
// validates again and owns the rules.

const productForm = z
  .object({
    title: z.string().default(""),
    slug: z.string().default(""),
    summary: z.string().default(""),
    description: z.string().default(""),
    highlights: z.string().default(""),
    price: z.string().default(""),
    currency: z.string().default(""),
    kind: z.string().default(""),
    active: z.string().optional(),
  })
  .transform((form, context): ProductInput => {
    const priceCents = /^[A-Za-z]{3}$/.test(form.currency) ? parseMoneyAmount(form.price, form.currency) : 0;
    if (priceCents === null) {
      context.addIssue({ code: "custom", path: ["price"], message: "Enter the price as a number above zero, for example 18 or 18.50." });
      return z.NEVER;
    }
    return {
      title: form.title,
      slug: form.slug.trim().toLowerCase(),
      summary: form.summary,
      description: form.description,
      highlights: form.highlights.split(/\r?\n/),
      priceCents,
      currency: form.currency as ProductInput["currency"],
      kind: form.kind as ProductInput["kind"],
      active: form.active === "on",
    };
  });

export type ProductFormState = ActionState<{ id: string; title: string }>;

const create = formAction(productForm, async (input) => {
  const created = await createProduct({ db: getDb(), actor: await getCurrentUser(), input });
  revalidatePath("/admin/products");
  redirect(`/admin/products/${encodeURIComponent(created.id)}?created=1`);
});

export async function createProductAction(previous: ProductFormState, formData: FormData): Promise<ProductFormState> {
  return (await create(previous as ActionState<never>, formData)) as ProductFormState;
}

const update = formAction(z.object({ id: z.string().min(1) }).and(productForm), async ({ id, ...input }) => {
  const updated = await updateProduct({ db: getDb(), actor: await getCurrentUser(), id, input });
  revalidateProduct(id);
  return { id: updated.id, title: updated.title };
});

export async function updateProductAction(previous: ProductFormState, formData: FormData): Promise<ProductFormState> {
  return update(previous, formData);
}

export type ArchiveState = ActionState<{ archived: boolean }>;

const archive = formAction(z.object({ productId: z.string().min(1), archive: z.enum(["1", "0"]) }), async ({ productId, archive }) => {
  const db = getDb();
  const actor = await getCurrentUser();
  const product = archive === "1" ? await archiveProduct({ db, actor, id: productId }) : await unarchiveProduct({ db, actor, id: productId });
  revalidateProduct(productId);
  return { archived: product.archivedAt !== null };
});

export async function archiveProductAction(previous: ArchiveState, formData: FormData): Promise<ArchiveState> {
  return archive(previous, formData);
}

export type RemoveFileState = ActionState<{ title: string }>;

const removeFile = formAction(z.object({ productId: z.string().min(1), productFileId: z.string().min(1) }), async ({ productId, productFileId }) => {
  const removed = await removeProductFile({ db: getDb(), actor: await getCurrentUser(), productId, productFileId });
  revalidateProduct(productId);
  return { title: removed.title };
});

export async function removeFileAction(previous: RemoveFileState, formData: FormData): Promise<RemoveFileState> {
  return removeFile(previous, formData);
}

export type RemoveImageState = ActionState<{ productId: string }>;

const removeImage = formAction(z.object({ productId: z.string().min(1) }), async ({ productId }) => {
  const result = await removeProductImage({ db: getDb(), actor: await getCurrentUser(), productId });
  revalidateProduct(productId);
  return result;
});

export async function removeImageAction(previous: RemoveImageState, formData: FormData): Promise<RemoveImageState> {
  return removeImage(previous, formData);
}
