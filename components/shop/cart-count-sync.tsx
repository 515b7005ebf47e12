"use client";

import { useEffect } from "react";
import { writeCartCount } from "./cart-count";

/** On pages that read the cart: puts the server's count in the header's cookie (it may have changed elsewhere). */
export function CartCountSync({ count }: { count: number }) {
  useEffect(() => writeCartCount(count), [count]);
  return null;
}
