import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { getCheckoutSummary, type CheckoutSummary } from "@/lib/payments/get-checkout-summary";

/** The checkout id from `?session_id=` (Stripe's placeholder name), or the calm 404. */
export function checkoutIdFrom(value: string | string[] | undefined): string {
  const id = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!id || id.length > 255 || id.includes("{")) notFound();
  return id;
}

/** The read-only summary, or the calm 404 for an unknown id. */
export async function findCheckout(checkoutId: string): Promise<CheckoutSummary> {
  try {
    return await getCheckoutSummary({ db: getDb(), checkoutId });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/** The booking page of the session type behind a checkout, to choose another time; /book otherwise. */
export async function bookingPageFor(checkoutId: string): Promise<string> {
  const item = await getDb().orderItem.findFirst({
    where: { order: { checkoutId }, kind: "BOOKING" },
    select: { booking: { select: { sessionType: { select: { slug: true, active: true } } } } },
  });
  const type = item?.booking?.sessionType;
  return type?.active ? `/book/${encodeURIComponent(type.slug)}` : "/book";
}
