import type { ProductKind } from "@/lib/db/generated/client";

/** What kind of thing the buyer gets, in a few words. */
export function kindLabel(kind: ProductKind): string {
  switch (kind) {
    case "DOWNLOAD":
      return "Download";
    case "COURSE":
      return "Online course";
    case "PHYSICAL":
      return "Posted to you";
    case "SERIES":
      return "Email series";
  }
}

/** How the buyer receives it, for the product page. */
export function deliveryLabel(kind: ProductKind): string {
  switch (kind) {
    case "DOWNLOAD":
      return "Yours to download straight after paying, and again whenever you need it from your library.";
    case "COURSE":
      return "Your access appears in your library straight after paying. Go through it at your own pace.";
    case "PHYSICAL":
      return "We post it to you after paying.";
    case "SERIES":
      return "Arrives by email.";
  }
}

export function productImageUrl(productId: string): string {
  return `/api/product-images/${encodeURIComponent(productId)}`;
}
