/**
 * "£95.00": an amount in minor units with its currency, always with the symbol so nobody has to guess.
 * Zero-decimal currencies (JPY, KRW…) are minor units already, so the divisor comes from the currency.
 */
export function formatMoney(cents: number, currency: string): string {
  const format = new Intl.NumberFormat("en-GB", { style: "currency", currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(cents / 10 ** digits);
}
