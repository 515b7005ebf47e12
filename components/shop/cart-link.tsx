"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useSyncExternalStore } from "react";
import { CART_COUNT_EVENT, readCartCount } from "./cart-count";

function subscribe(onChange: () => void) {
  window.addEventListener(CART_COUNT_EVENT, onChange);
  window.addEventListener("focus", onChange);
  return () => {
    window.removeEventListener(CART_COUNT_EVENT, onChange);
    window.removeEventListener("focus", onChange);
  };
}

/**
 * The header's link to the cart, with the number of things in it. The count comes from a readable
 * cookie the server keeps in step, so the header (and every page around it) stays static; the
 * server render shows no count, and the browser fills it in.
 */
export function CartLink() {
  // Read again after every navigation: a server action that changed the cart ends in one.
  usePathname();
  const count = useSyncExternalStore(subscribe, readCartCount, () => 0);
  return (
    <Link href="/cart" prefetch={false}>
      Cart
      {count > 0 ? (
        <>
          {" "}
          ({count}
          <span className="visually-hidden">{count === 1 ? " item" : " items"}</span>)
        </>
      ) : null}
    </Link>
  );
}
