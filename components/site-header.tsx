import Link from "next/link";
import styles from "./site-header.module.css";

// Static on purpose: the header does not read the session, so public pages can stay static.
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
          </ul>
        </nav>
      </div>
    </header>
  );
}
