import type { ProductForCoach } from "./get-product-for-coach";

/** 1850 GBP → "18.50": minor units as the amount the coach types (the inverse of parseMoneyAmount). */
export function amountInput(cents: number, currency: string): string {
  const digits = new Intl.NumberFormat("en-GB", { style: "currency", currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
  return (cents / 10 ** digits).toFixed(digits);
}

/** A stored product as the strings its edit form starts from. */
export function productFormValues(product: ProductForCoach) {
  return {
    id: product.id,
    title: product.title,
    slug: product.slug,
    summary: product.summary,
    description: product.description,
    highlights: product.highlights.join("\n"),
    price: amountInput(product.priceCents, product.currency),
    currency: product.currency,
    kind: product.kind,
    active: product.active,
    archived: product.archivedAt !== null,
  };
}

/** A new product's starting values: a download in the coach's currency, not yet in the shop. */
export function newProductValues(currency: string) {
  return { title: "", slug: "", summary: "", description: "", highlights: "", price: "", currency, kind: "DOWNLOAD", active: false };
}
