import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import styles from "@/components/admin/shop/shop-admin.module.css";
import { PRODUCT_KIND_LABELS } from "@/lib/admin/products/limits";
import { listProductsForCoach } from "@/lib/admin/products/list-products-for-coach";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { formatMoney } from "@/lib/payments/format-money";

export const metadata: Metadata = { title: "Products" };

type Props = { searchParams: Promise<{ archived?: string }> };

export default async function ProductsPage({ searchParams }: Props) {
  const archived = (await searchParams).archived === "1";
  const coach = await requireCoach(archived ? "/admin/products?archived=1" : "/admin/products");
  const { products, archivedCount } = await listProductsForCoach({ db: getDb(), actor: coach, filters: { archived } });

  return (
    <div className="stack">
      <h1>Products</h1>
      <p>What the shop sells: downloads and courses, with their files, images and prices.</p>
      <p>
        <Link href="/admin/products/new" className="button">
          Add a product
        </Link>
      </p>
      <nav aria-label="Products in use or archived">
        <ul className={styles.tabs}>
          <li>
            <Link href="/admin/products" className="tab-link" aria-current={archived ? undefined : "page"}>
              In use
            </Link>
          </li>
          <li>
            <Link href="/admin/products?archived=1" className="tab-link" aria-current={archived ? "page" : undefined}>
              Archived ({archivedCount})
            </Link>
          </li>
        </ul>
      </nav>
      {products.length === 0 ? (
        <p>{archived ? "Nothing is archived." : "No products yet. Add one to start selling in the shop."}</p>
      ) : (
        <DataTable
          captionId="products-caption"
          caption={archived ? `Archived products (${products.length})` : `Your products, in the order the shop shows them (${products.length} in all)`}
        >
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Kind</th>
              <th scope="col">Price</th>
              <th scope="col">In the shop</th>
              <th scope="col">Files</th>
              <th scope="col">Buyers with access</th>
            </tr>
          </thead>
          <tbody>
            {products.map((product) => (
              <tr key={product.id}>
                <td>
                  <Link href={`/admin/products/${encodeURIComponent(product.id)}`}>
                    {product.title}
                    <span className="visually-hidden"> (edit)</span>
                  </Link>
                  <br />
                  <span className="muted">/shop/{product.slug}</span>
                </td>
                <td>{PRODUCT_KIND_LABELS[product.kind]?.split(" (")[0] ?? product.kind}</td>
                <td>{formatMoney(product.priceCents, product.currency)}</td>
                <td>
                  <span className={product.active ? "badge badge-info" : "badge badge-muted"}>
                    {product.archivedAt ? "Archived" : product.active ? "In the shop" : "Hidden"}
                  </span>
                  {product.hasImage ? null : (
                    <>
                      <br />
                      <span className="muted">No image yet</span>
                    </>
                  )}
                </td>
                <td>{product.kind === "DOWNLOAD" && product.fileCount === 0 ? <span className="badge badge-warn">None yet</span> : product.fileCount}</td>
                <td>{product.activeEntitlements}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}
