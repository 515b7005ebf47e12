// Limits and choices of a session type that the admin form (a client component) needs too: kept
// free of imports so they never pull zod into the browser bundle.

export const MAX_INTAKE_QUESTIONS = 20;
export const MAX_CHOICE_OPTIONS = 20;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Whether `value` could be a product's or a session type's slug (the forms allow at most 80
 * characters): a URL naming anything else is not found without asking the database, which would
 * refuse some of it (a NUL from `%00`) rather than find nothing.
 */
export function isSlug(value: string): boolean {
  return value.length <= 80 && SLUG_PATTERN.test(value);
}

/** Currencies with two decimal places (prices are stored in minor units: pence, cents). */
export const CURRENCIES = ["GBP", "EUR", "USD", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK"] as const;
