import type { Metadata } from "next";
import Link from "next/link";
import { ProductForm } from "@/components/admin/shop/product-form";
import { newProductValues } from "@/lib/admin/products/product-values";
import { getCoachCurrency } from "@/lib/admin/get-coach-currency";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { createProductAction } from "../actions";

export const metadata: Metadata = { title: "New product" };

export default async function NewProductPage() {
  const coach = await requireCoach("/admin/products/new");
  const currency = await getCoachCurrency({ db: getDb(), actor: coach });

  return (
    <div className="stack">
      <p>
        <Link href="/admin/products">← Back to products</Link>
      </p>
      <h1>New product</h1>
      <p>Files and an image can be added on the next page, once the product is saved. It stays out of the shop until you tick “Show in the shop”.</p>
      <ProductForm action={createProductAction} initial={newProductValues(currency)} submitLabel="Create product" shopCurrency={currency} />
    </div>
  );
}
