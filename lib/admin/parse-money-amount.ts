/**
 * An amount the coach typed ("20", "20.5", "£20.50", "1,020.00") in minor units of `currency`, or null
 * when it isn't a plain positive amount with at most the currency's decimals. The inverse of formatMoney.
 */
export function parseMoneyAmount(text: string, currency: string): number | null {
  const digits = new Intl.NumberFormat("en-GB", { style: "currency", currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
  const cleaned = text.trim().replace(/^[^\d.,-]+/, "").replace(/,(?=\d{3}(\D|$))/g, "");
  const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  const cents = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(cents) && cents > 0 ? cents : null;
}
