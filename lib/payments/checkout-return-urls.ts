import { config } from "../config";

/**
 * Where a checkout sends the buyer back to. Without an id, the provider's placeholder
 * `{CHECKOUT_SESSION_ID}`, which the provider replaces with the checkout id.
 */
export function checkoutReturnUrls(checkoutId = "{CHECKOUT_SESSION_ID}"): { successUrl: string; cancelUrl: string } {
  const base = config().APP_URL;
  return { successUrl: `${base}/checkout/complete?session_id=${checkoutId}`, cancelUrl: `${base}/checkout/cancelled?session_id=${checkoutId}` };
}
