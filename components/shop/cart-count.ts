// Shared by the header's cart link and the pages that know the true count. No server imports.

export const CART_COUNT_COOKIE = "cart_count";
export const CART_COUNT_EVENT = "cart-count-change";
const MAX_AGE_SECONDS = 90 * 24 * 60 * 60;

/** The count from the readable cookie (0 without one). */
export function readCartCount(): number {
  const match = document.cookie.match(/(?:^|;\s*)cart_count=(\d{1,4})(?:;|$)/);
  return match ? Number(match[1]) : 0;
}

/** Writes the count the server just reported and tells the header. */
export function writeCartCount(count: number): void {
  const secure = window.location.protocol === "https:" ? "; secure" : "";
  document.cookie =
    count > 0
      ? `${CART_COUNT_COOKIE}=${count}; path=/; max-age=${MAX_AGE_SECONDS}; samesite=lax${secure}`
      : `${CART_COUNT_COOKIE}=; path=/; max-age=0; samesite=lax${secure}`;
  window.dispatchEvent(new Event(CART_COUNT_EVENT));
}
