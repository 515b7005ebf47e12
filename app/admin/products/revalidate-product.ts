import { revalidatePath } from "next/cache";

/** After a product changes: the coach's list and page, and the shop. */
export function revalidateProduct(id: string) {
  revalidatePath("/admin/products");
  revalidatePath(`/admin/products/${id}`);
  revalidatePath("/shop");
}
