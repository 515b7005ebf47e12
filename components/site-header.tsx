import Link from "next/link";
import { CartLink } from "./shop/cart-link";
import styles from "./site-header.module.css";

// Static on purpose: the header does not read the session or cookies on the server, so public pages
// can stay static. The cart link's count is filled in by the browser from a readable cookie.
export function SiteHeader() {
  return (
    <header className={styles.header}>
      <div className={`container ${styles.inner}`}>
        <Link href="/" className={styles.brand}>
          Steady Ground Coaching
        </Link>
        <nav aria-label="Main">
          <ul className={styles.nav}>
            <li>
              <Link href="/book">Book a session</Link>
            </li>
            <li>
              <Link href="/shop">Shop</Link>
            </li>
            <li>
              <Link href="/account">Your account</Link>
            </li>
            <li>
              <CartLink />
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
