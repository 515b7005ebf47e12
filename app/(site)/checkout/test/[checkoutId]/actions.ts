"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { formAction, type ActionState } from "@/lib/http/action";
import { checkoutReturnUrls } from "@/lib/payments/checkout-return-urls";
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

// The cancelled page releases the hold (cancelCheckout), exactly as after "back" on Stripe's page.
const cancel = formAction(input, async ({ checkoutId }): Promise<undefined> => {
  redirect(localPath(checkoutReturnUrls(encodeURIComponent(checkoutId)).cancelUrl));
});

export async function payTestCheckoutAction(previous: TestCheckoutState, formData: FormData): Promise<TestCheckoutState> {
  return pay(previous, formData);
}

export async function cancelTestCheckoutAction(previous: TestCheckoutState, formData: FormData): Promise<TestCheckoutState> {
  return cancel(previous, formData);
}
