// Building an Intl.NumberFormat costs far more than using one; receipts and lists format many amounts.
const formats = new Map<string, { format: Intl.NumberFormat; divisor: number }>();

/**
 * "£95.00": an amount in minor units with its currency, always with the symbol so nobody has to guess.
 * Zero-decimal currencies (JPY, KRW…) are minor units already, so the divisor comes from the currency.
 */
export function formatMoney(cents: number, currency: string): string {
  const code = currency.toUpperCase();
  let entry = formats.get(code);
  if (!entry) {
    const format = new Intl.NumberFormat("en-GB", { style: "currency", currency: code });
    entry = { format, divisor: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
    formats.set(code, entry);
  }
  return entry.format.format(cents / entry.divisor);
}
