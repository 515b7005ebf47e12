import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { ArchiveForm, RemoveFileButton, RemoveImageButton, UploadForm } from "@/components/admin/shop/product-file-forms";
import { ProductForm } from "@/components/admin/shop/product-form";
import formStyles from "@/components/admin/admin-form.module.css";
import styles from "@/components/admin/shop/shop-admin.module.css";
import { formatBytes } from "@/lib/admin/products/format-bytes";
import { getProductForCoach } from "@/lib/admin/products/get-product-for-coach";
import { productFormValues } from "@/lib/admin/products/product-values";
import { MAX_IMAGE_BYTES } from "@/lib/admin/products/set-product-image";
import { getCoachCurrency } from "@/lib/admin/get-coach-currency";
import { requireCoach } from "@/lib/auth/guards";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { orNotFound } from "@/lib/http/or-not-found";
import { archiveProductAction, removeFileAction, removeImageAction, updateProductAction } from "../actions";

export const metadata: Metadata = { title: "Edit product" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export default async function EditProductPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { created } = await searchParams;
  const coach = await requireCoach(`/admin/products/${encodeURIComponent(id)}`);
  const db = getDb();
  const [product, currency] = await Promise.all([
    orNotFound(getProductForCoach({ db, actor: coach, id })),
    getCoachCurrency({ db, actor: coach }),
  ]);
  const archived = product.archivedAt !== null;

  return (
    <div className="stack">
      <p>
        <Link href={archived ? "/admin/products?archived=1" : "/admin/products"}>← Back to products</Link>
      </p>
      <h1>{product.title}</h1>
      {created ? (
        <p className="notice" role="status">
          Created. Add {product.kind === "DOWNLOAD" ? "its files and " : ""}an image below
          {product.active ? "." : ", then tick “Show in the shop” when it is ready."}
        </p>
      ) : null}
      {archived ? (
        <p className="notice notice-warn">This product is archived: it is not in the shop. Buyers keep what they bought.</p>
      ) : product.active ? (
        <p>
          In the shop at <Link href={`/shop/${product.slug}`}>/shop/{product.slug}</Link>.
        </p>
      ) : null}

      <ProductForm key={product.id} action={updateProductAction} initial={productFormValues(product)} submitLabel="Save changes" shopCurrency={currency} />

      <section className={`card stack ${formStyles.section}`} aria-labelledby="files-heading">
        <h2 id="files-heading">Files</h2>
        <p className="muted">
          {product.kind === "DOWNLOAD"
            ? "What buyers download from their library. Each file is checked when it is uploaded and kept with its SHA-256 fingerprint."
            : "Optional for a course: extra material buyers can download from their library."}
        </p>
        {product.files.length === 0 ? (
          <p>{product.kind === "DOWNLOAD" ? "No files yet. Buyers would have nothing to download, so add at least one before showing it in the shop." : "No files."}</p>
        ) : (
          <DataTable captionId="files-caption" caption={`Files of ${product.title}, in the order buyers see them`}>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">File</th>
                <th scope="col">Size</th>
                <th scope="col">SHA-256</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {product.files.map((productFile) => (
                <tr key={productFile.id}>
                  <td>{productFile.title}</td>
                  <td>
                    <a href={`/admin/products/${encodeURIComponent(product.id)}/files/${encodeURIComponent(productFile.id)}`} download>
                      {productFile.file.fileName}
                      <span className="visually-hidden"> (download to check)</span>
                    </a>
                  </td>
                  <td>{formatBytes(productFile.file.sizeBytes)}</td>
                  <td>
                    <span className={styles.mono} title={productFile.file.sha256}>
                      {productFile.file.sha256.slice(0, 12)}…
                    </span>
                  </td>
                  <td>
                    <RemoveFileButton action={removeFileAction} productId={product.id} productFileId={productFile.id} title={productFile.title} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        <h3>Add a file</h3>
        <UploadForm productId={product.id} kind="file" maxMb={config().UPLOAD_MAX_MB} />
      </section>

      <section className={`card stack ${formStyles.section}`} aria-labelledby="image-heading">
        <h2 id="image-heading">Image</h2>
        {product.image ? (
          <>
            {/* A plain img: the preview comes from the coach-only route, which next/image would not pass cookies to. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={`/admin/products/${encodeURIComponent(product.id)}/image?v=${product.image.sha256.slice(0, 12)}`} alt={`Current image of ${product.title}`} className={styles.image} />
            <p className="muted">
              {product.image.fileName}, {formatBytes(product.image.sizeBytes)}
            </p>
            <RemoveImageButton action={removeImageAction} productId={product.id} />
            <h3>Replace the image</h3>
          </>
        ) : (
          <p>No image yet. The shop shows a plain placeholder until you add one.</p>
        )}
        <UploadForm productId={product.id} kind="image" maxMb={MAX_IMAGE_BYTES / (1024 * 1024)} />
      </section>

      <section className={`card stack ${formStyles.section}`} aria-labelledby="archive-heading">
        <h2 id="archive-heading">{archived ? "Archived" : "Archive"}</h2>
        <p>
          {archived
            ? "Restoring brings it back to the list of products in use. It stays out of the shop until you show it again."
            : "Archiving takes the product out of the shop and out of the main list. Nothing is deleted: buyers keep their downloads and course access, and past orders still show it."}
        </p>
        <ArchiveForm action={archiveProductAction} productId={product.id} archived={archived} />
      </section>
    </div>
  );
}
