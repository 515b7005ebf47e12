import type { Metadata } from "next";
import Link from "next/link";
import { CartCountSync } from "@/components/shop/cart-count-sync";
import { CheckoutForm } from "@/components/shop/checkout-form";
import { CouponForm } from "@/components/shop/coupon-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/payments/format-money";
import { getPaymentProvider } from "@/lib/payments/get-payment-provider";
import { getCart, type CartView } from "@/lib/shop/cart";
import { readCartKey } from "@/lib/shop/cart-cookie";
import { kindLabel } from "../shop/labels";
import { applyCouponAction, checkoutAction, removeCouponAction, removeFromCartAction, updateQuantityAction } from "./actions";
import styles from "./cart.module.css";

export const metadata: Metadata = { title: "Your cart", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Whether checkout can run, and in which mode: shown before the buyer fills anything in. */
function paymentMode(): "STRIPE" | "TEST" | "unavailable" {
  try {
    return getPaymentProvider().name;
  } catch (error) {
    if (error instanceof AppError) return "unavailable";
    throw error;
  }
}

export default async function CartPage({ searchParams }: Props) {
  const query = await searchParams;
  const user = await getCurrentUser();
  const cart = await getCart({ db: getDb(), key: await readCartKey(user?.id ?? null) });
  const added = typeof query.added === "string" ? cart.items.find((item) => item.productId === query.added) : undefined;
  const mode = cart.items.length ? paymentMode() : null;

  return (
    <div className="stack">
      <CartCountSync count={cart.count} />
      <h1>Your cart</h1>
      <div role="status" aria-live="polite">
        {added ? <p className="notice">{added.title} is in your cart.</p> : null}
        {query.removed && !added ? <p className="notice">Taken out of your cart.</p> : null}
      </div>
      {cart.removedTitles.length ? (
        <p className="notice notice-warn">
          {cart.removedTitles.join(", ")} {cart.removedTitles.length === 1 ? "is" : "are"} no longer in the shop, so we&apos;ve taken{" "}
          {cart.removedTitles.length === 1 ? "it" : "them"} out of your cart.
        </p>
      ) : null}

      {cart.items.length === 0 ? (
        <>
          <p>Your cart is empty.</p>
          <p>
            <Link className="button" href="/shop">
              Browse the shop
            </Link>
          </p>
        </>
      ) : (
        <div className="split-layout">
          <section className="stack" aria-labelledby="items-heading">
            <h2 id="items-heading" className="visually-hidden">
              What&apos;s in your cart
            </h2>
            <ul className={styles.items}>
              {cart.items.map((item) => (
                <CartItemRow key={item.productId} item={item} />
              ))}
            </ul>
            <p>
              <Link href="/shop">Keep browsing</Link>
            </p>
          </section>

          <div className="stack">
            <section className="card stack" aria-labelledby="summary-heading">
              <h2 id="summary-heading">Summary</h2>
              <Totals cart={cart} />
              {cart.couponCode ? (
                <div className="stack">
                  {cart.couponProblem ? (
                    <p className="notice notice-warn" role="alert">
                      {cart.couponProblem} Remove it to continue at the full price.
                    </p>
                  ) : null}
                  <form action={removeCouponAction}>
                    <button type="submit" className={styles.linkButton}>
                      Remove the code {cart.couponCode}
                    </button>
                  </form>
                </div>
              ) : (
                <CouponForm action={applyCouponAction} />
              )}
            </section>

            <section className="card stack" aria-labelledby="pay-heading">
              <h2 id="pay-heading">Pay</h2>
              {mode === "unavailable" ? (
                <p className="notice">
                  Paying online isn&apos;t set up on this site yet, so the shop can&apos;t take orders just now. Your cart is kept for
                  you.
                </p>
              ) : (
                <>
                  {mode === "TEST" ? (
                    <p className="notice">
                      <strong>Test payment: no money moves.</strong> This site takes test payments only.
                    </p>
                  ) : null}
                  <CheckoutForm
                    action={checkoutAction}
                    email={user?.email ?? ""}
                    signedIn={Boolean(user)}
                    total={formatMoney(cart.totals.totalCents, cart.totals.currency ?? "GBP")}
                  />
                  {!user ? (
                    <p className="muted">
                      Bought here before? <Link href="/signin?callbackUrl=/cart">Sign in</Link> to see your library; this cart comes with you.
                    </p>
                  ) : null}
                </>
              )}
            </section>
          </div>
        </div>
      )}
    </div>
  );
}

function CartItemRow({ item }: { item: CartView["items"][number] }) {
  const unit = formatMoney(item.unitPriceCents, item.currency);
  return (
    <li className={`card ${styles.item}`}>
      <div>
        <h3 className={styles.itemTitle}>
          <Link href={`/shop/${item.slug}`}>{item.title}</Link>
        </h3>
        <p className={styles.itemFacts}>
          {kindLabel(item.kind)}
          {item.fixedQuantity ? "" : ` · ${unit} each`}
        </p>
      </div>
      <p className={styles.lineTotal}>{formatMoney(item.totalCents, item.currency)}</p>
      <div className={styles.itemActions}>
        {item.fixedQuantity ? null : (
          <form action={updateQuantityAction}>
            <input type="hidden" name="productId" value={item.productId} />
            <div className="field">
              <label htmlFor={`quantity-${item.productId}`}>Quantity</label>
              <input
                id={`quantity-${item.productId}`}
                className={styles.quantity}
                name="quantity"
                type="number"
                inputMode="numeric"
                min={1}
                max={99}
                defaultValue={item.quantity}
                required
              />
            </div>
            <button type="submit" className="button button-secondary">
              Update<span className="visually-hidden"> the quantity of {item.title}</span>
            </button>
          </form>
        )}
        <form action={removeFromCartAction}>
          <input type="hidden" name="productId" value={item.productId} />
          <button type="submit" className={styles.linkButton}>
            Remove<span className="visually-hidden"> {item.title}</span>
          </button>
        </form>
      </div>
    </li>
  );
}

function Totals({ cart }: { cart: CartView }) {
  const currency = cart.totals.currency ?? "GBP";
  return (
    <dl className={`details-list ${styles.totals}`}>
      <dt>Subtotal</dt>
      <dd>{formatMoney(cart.totals.subtotalCents, currency)}</dd>
      {cart.totals.discountCents > 0 ? (
        <>
          <dt>Discount ({cart.couponCode})</dt>
          <dd>−{formatMoney(cart.totals.discountCents, currency)}</dd>
        </>
      ) : null}
      <dt>Total</dt>
      <dd>
        <strong>{formatMoney(cart.totals.totalCents, currency)}</strong>
      </dd>
    </dl>
  );
}
