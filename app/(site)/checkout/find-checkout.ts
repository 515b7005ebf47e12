import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { orNotFound } from "@/lib/http/or-not-found";
import { findRebookingPath } from "@/lib/payments/find-rebooking-path";
import { findCancelLinkCheckout } from "@/lib/payments/find-cancel-link-checkout";
import { getCheckoutSummary, type CheckoutSummary } from "@/lib/payments/get-checkout-summary";
import { getPaymentProvider } from "@/lib/payments/get-payment-provider";
import type { PaymentProvider } from "@/lib/payments/provider";

/** The checkout id from `?session_id=` (Stripe's placeholder name), or the calm 404. */
export function checkoutIdFrom(value: string | string[] | undefined): string {
  const id = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!id || id.length > 255 || id.includes("{")) notFound();
  return id;
}

/** The read-only summary, or the calm 404 for an unknown id. */
export function findCheckout(checkoutId: string): Promise<CheckoutSummary> {
  return orNotFound(getCheckoutSummary({ db: getDb(), checkoutId }));
}

/** The checkout id from a signed cancel link (`?order=…&sig=…`), or the calm 404: a bad link changes nothing. */
export async function cancelLinkCheckoutId(searchParams: CheckoutReturnProps["searchParams"]): Promise<string> {
  // The query first: reading it is what keeps this page from being prerendered at build time.
  const link = await searchParams;
  return orNotFound(findCancelLinkCheckout({ db: getDb(), link }));
}

/** The search params of the pages the provider sends the buyer back to. */
export type CheckoutReturnProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The order statuses in which the payment went through. */
export const PAID = new Set(["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);

/**
 * The checkout after `step` (syncCheckout or cancelCheckout) has run on it. When that fails with an
 * AppError (payments not configured any more, the provider unreachable) it is the summary the
 * database already has.
 */
export async function checkoutAfter(
  checkoutId: string,
  step: (options: { db: ReturnType<typeof getDb>; provider: PaymentProvider; checkoutId: string }) => Promise<CheckoutSummary>,
): Promise<CheckoutSummary> {
  const summary = await findCheckout(checkoutId);
  try {
    return await step({ db: getDb(), provider: getPaymentProvider({ name: summary.provider }), checkoutId });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return summary;
  }
}

/** The booking page of the session type behind a checkout, to choose another time; /book otherwise. */
export function bookingPageFor(checkoutId: string): Promise<string> {
  return findRebookingPath({ db: getDb(), checkoutId });
}
