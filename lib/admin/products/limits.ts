// Limits and choices of a product that the admin form (a client component) needs too: kept free of
// imports so they never pull zod or server code into the browser bundle.

/** Kinds the coach can create and sell through the cart. SERIES (free email series) and PHYSICAL come later. */
export const SELLABLE_PRODUCT_KINDS = ["DOWNLOAD", "COURSE"] as const;
export type SellableProductKind = (typeof SELLABLE_PRODUCT_KINDS)[number];

export const PRODUCT_KIND_LABELS: Record<string, string> = {
  DOWNLOAD: "Download (one or more files)",
  COURSE: "Course (access to lessons)",
  SERIES: "Email series",
  PHYSICAL: "Physical item",
};

export const MAX_TITLE_LENGTH = 120;
export const MAX_SUMMARY_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 20_000;
export const MAX_HIGHLIGHTS = 12;
export const MAX_HIGHLIGHT_LENGTH = 200;
export const MAX_FILE_TITLE_LENGTH = 120;
/** Product images: PNG or JPEG only (files may also be PDF or ZIP). */
export const IMAGE_CONTENT_TYPES = ["image/png", "image/jpeg"] as const;
