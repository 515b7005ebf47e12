import type { Metadata } from "next";
import Link from "next/link";
import { CartCountSync } from "@/components/shop/cart-count-sync";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { orNotFound } from "@/lib/http/or-not-found";
import { ownValue } from "@/lib/http/own-value";
import { formatMoney } from "@/lib/payments/format-money";
import { getCart } from "@/lib/shop/cart";
import { readCartKey } from "@/lib/shop/cart-cookie";
import { getProduct } from "@/lib/shop/get-product";
import { renderMarkdown } from "@/lib/shop/render-markdown";
import { addToCartAction } from "../../cart/actions";
import { deliveryLabel, kindLabel, productImageUrl } from "../labels";
import styles from "../shop.module.css";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  try {
    const product = await getProduct({ db: getDb(), slug });
    return { title: product.title, description: product.summary };
  } catch {
    return { title: "Shop" };
  }
}

// Problems the add-to-cart action can send back (by code, so the page only ever shows its own words).
const PROBLEMS: Record<string, string> = {
  cart_currency: "Your cart holds things priced in another currency, so this can't join them. Please check out your cart first, then come back for this.",
  product_not_found: "This product has just been taken out of the shop, so it couldn't be added.",
};

export default async function ProductPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const product = await orNotFound(getProduct({ db: getDb(), slug }));
  const problemCode = (await searchParams).problem;
  const problem = typeof problemCode === "string" ? (ownValue(PROBLEMS, problemCode) ?? "That didn't work just now. Please try again.") : null;
  const user = await getCurrentUser();
  const cart = await getCart({ db: getDb(), key: await readCartKey(user?.id ?? null) });
  const inCart = cart.items.find((item) => item.productId === product.id);
  const price = formatMoney(product.priceCents, product.currency);

  return (
    <article className="stack">
      <CartCountSync count={cart.count} />
      <p>
        <Link href="/shop">← All products</Link>
      </p>
      <h1>{product.title}</h1>
      <p className={styles.facts}>
        {kindLabel(product.kind)} · {price}
      </p>
      <div className="split-layout">
        <div className="stack">
          {product.imageFileId ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img className={styles.image} src={productImageUrl(product.id)} alt="" width={640} height={480} decoding="async" />
          ) : null}
          <p>
            <strong>{product.summary}</strong>
          </p>
          {/* Rendered from Markdown with raw HTML escaped and only http(s)/mailto links: see lib/shop/render-markdown.ts. */}
          <div className={styles.description} dangerouslySetInnerHTML={{ __html: renderMarkdown(product.description) }} />
        </div>

        <aside className={`card stack ${styles.buy}`} aria-labelledby="buy-heading">
          <h2 id="buy-heading">What you get</h2>
          {product.highlights.length || product.fileTitles.length ? (
            <ul className={styles.highlights}>
              {product.highlights.map((line) => (
                <li key={`h-${line}`}>{line}</li>
              ))}
              {product.fileTitles.map((title) => (
                <li key={`f-${title}`}>{title}</li>
              ))}
            </ul>
          ) : null}
          <p className="muted">{deliveryLabel(product.kind)}</p>
          <p className={styles.price}>{price}</p>
          {problem ? (
            <p className="notice notice-warn" role="alert">
              {problem}
            </p>
          ) : null}
          {inCart && inCart.fixedQuantity ? (
            <>
              <p>This is in your cart.</p>
              <p>
                <Link className="button" href="/cart">
                  Go to your cart
                </Link>
              </p>
            </>
          ) : (
            <form action={addToCartAction} className="stack">
              <input type="hidden" name="productId" value={product.id} />
              <input type="hidden" name="slug" value={product.slug} />
              {product.kind === "PHYSICAL" ? (
                <div className="field">
                  <label htmlFor="quantity">Quantity</label>
                  <input id="quantity" name="quantity" type="number" inputMode="numeric" min={1} max={99} defaultValue={1} required />
                </div>
              ) : null}
              <p>
                <button type="submit" className="button">
                  Add to cart<span className="visually-hidden">: {product.title}</span>
                </button>
              </p>
              {inCart ? <p className="muted">You have {inCart.quantity} in your cart already.</p> : null}
            </form>
          )}
        </aside>
      </div>
    </article>
  );
}
