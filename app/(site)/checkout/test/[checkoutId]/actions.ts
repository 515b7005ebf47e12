"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { formAction, type ActionState } from "@/lib/http/action";
import { NotFoundError } from "@/lib/errors";
import { getCheckoutSummary } from "@/lib/payments/get-checkout-summary";
import { payTestCheckout } from "@/lib/payments/pay-test-checkout";

// The test-mode checkout page's two buttons. Paying runs the same fulfilment code as a Stripe webhook
// (payTestCheckout → processPaymentEvent); both end on the same pages Stripe would send the buyer to.

export type TestCheckoutState = ActionState<undefined>;

const input = z.object({ checkoutId: z.string().trim().min(1).max(255) });

/** The path and query of an absolute URL on this site, so the redirect stays on the host in use. */
function localPath(url: string): string {
  const parsed = new URL(url, "http://localhost");
  return `${parsed.pathname}${parsed.search}`;
}

const pay = formAction(input, async ({ checkoutId }): Promise<undefined> => {
  const { redirectUrl } = await payTestCheckout({ db: getDb(), checkoutId });
  redirect(localPath(redirectUrl));
});

// To the very cancel link Stripe would get (the order's signed link): the cancelled page releases the
// hold (cancelCheckout), exactly as after "back" on Stripe's page.
const cancel = formAction(input, async ({ checkoutId }): Promise<undefined> => {
  const summary = await getCheckoutSummary({ db: getDb(), checkoutId });
  if (summary.provider !== "TEST") throw new NotFoundError("We couldn't find that test checkout. The link may be incomplete or from an earlier session.", "checkout_not_found");
  redirect(localPath(summary.cancelUrl));
});

export async function payTestCheckoutAction(previous: TestCheckoutState, formData: FormData): Promise<TestCheckoutState> {
  return pay(previous, formData);
}

export async function cancelTestCheckoutAction(previous: TestCheckoutState, formData: FormData): Promise<TestCheckoutState> {
  return cancel(previous, formData);
}
