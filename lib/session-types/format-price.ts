/** "£95.00", or "Free" for 0: a price in minor units, for the coach's screens. */
export function formatPrice(priceCents: number, currency: string): string {
  if (priceCents === 0) return "Free";
  return new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(priceCents / 100);
}
