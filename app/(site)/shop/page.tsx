import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/lib/db/client";
import { formatMoney } from "@/lib/payments/format-money";
import { listProducts } from "@/lib/shop/list-products";
import { kindLabel, productImageUrl } from "./labels";
import styles from "./shop.module.css";

export const metadata: Metadata = {
  title: "Shop",
  description: "Journals, toolkits and courses for ADHD and rejection sensitivity, to use at your own pace.",
};

export default async function ShopPage() {
  // Read per request: the coach's changes to her products show at once.
  await connection();
  const products = await listProducts({ db: getDb() });

  return (
    <div className="stack">
      <h1>Shop</h1>
      <p>Tools to use between sessions, or on their own. Downloads are yours straight after paying, and stay in your library.</p>
      {products.length ? (
        <ul className="card-list">
          {products.map((product) => (
            <li key={product.id} className="card stack card-list-item">
              {product.imageFileId ? (
                // The picture is decorative: the title next to it says what it is.
                // eslint-disable-next-line @next/next/no-img-element
                <img className={styles.image} src={productImageUrl(product.id)} alt="" width={640} height={480} loading="lazy" decoding="async" />
              ) : null}
              <h2 className={styles.title}>
                <Link href={`/shop/${product.slug}`}>{product.title}</Link>
              </h2>
              <p className={styles.facts}>
                {kindLabel(product.kind)} · {formatMoney(product.priceCents, product.currency)}
              </p>
              <p>{product.summary}</p>
              <p>
                <Link className="button button-secondary" href={`/shop/${product.slug}`}>
                  Read more<span className="visually-hidden"> about {product.title}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="notice">There is nothing in the shop just now. Please come back a little later; nothing is wrong on your side.</p>
      )}
    </div>
  );
}
