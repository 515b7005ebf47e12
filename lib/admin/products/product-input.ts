import { z } from "zod";
import { CURRENCIES, SLUG_PATTERN } from "../../session-types/limits";
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_HIGHLIGHT_LENGTH,
  MAX_HIGHLIGHTS,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
} from "./limits";

// What the coach can set on a product, validated the same way whether it comes from the admin form
// or a test. Prices are integer minor units (1800 = £18.00); the form converts from major units.

export const productInput = z.object({
  title: z.string().trim().min(1, "Give the product a title.").max(MAX_TITLE_LENGTH, `Keep the title under ${MAX_TITLE_LENGTH} characters.`),
  slug: z
    .string()
    .trim()
    .min(2, "The web address needs at least 2 characters.")
    .max(80, "Keep the web address under 80 characters.")
    .regex(SLUG_PATTERN, "Use lowercase letters, digits and single hyphens, for example calm-mornings-journal."),
  summary: z
    .string()
    .trim()
    .min(1, "Write one line that says what it is.")
    .max(MAX_SUMMARY_LENGTH, `Keep the summary under ${MAX_SUMMARY_LENGTH} characters.`)
    .refine((text) => !/[\r\n]/.test(text), "Keep the summary to one line."),
  /** Markdown, rendered (sanitised) on the shop page. */
  description: z.string().trim().max(MAX_DESCRIPTION_LENGTH, `Keep the description under ${MAX_DESCRIPTION_LENGTH.toLocaleString("en-GB")} characters.`),
  /** "What you get", one line each; empty lines are dropped. */
  highlights: z
    .array(z.string().trim().max(MAX_HIGHLIGHT_LENGTH, `Keep each line under ${MAX_HIGHLIGHT_LENGTH} characters.`))
    .transform((lines) => lines.filter((line) => line.length > 0))
    .pipe(z.array(z.string()).max(MAX_HIGHLIGHTS, `At most ${MAX_HIGHLIGHTS} lines.`)),
  /** Minor units. Products in the shop are paid, so above zero. */
  priceCents: z
    .number({ error: "Enter a price." })
    .int("Enter the price in whole pence.")
    .min(1, "Enter a price above zero, for example 18 or 18.50.")
    .max(10_000_000, "That price is too high."),
  currency: z.enum(CURRENCIES, { error: "Choose a currency." }),
  kind: z.enum(["DOWNLOAD", "COURSE", "SERIES", "PHYSICAL"], { error: "Choose what kind of product this is." }),
  /** Shown in the shop and can be bought. */
  active: z.boolean(),
});

export type ProductInput = z.input<typeof productInput>;
export type ParsedProductInput = z.output<typeof productInput>;
