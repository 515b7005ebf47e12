import { isLinkSignature, linkSignature } from "../auth/link-signature";
import { config } from "../config";

// Where a checkout sends the buyer back to.
// - Success: `?session_id=` with the checkout id; before the checkout exists, the provider's
//   placeholder `{CHECKOUT_SESSION_ID}`, which Stripe documents replacing in success_url.
// - Cancel: our own order id, signed. Stripe doesn't promise to fill the placeholder in cancel_url,
//   and the order exists before its checkout does. Opening the cancel link releases the held time,
//   so the signature is what stops anyone cancelling a checkout that isn't theirs by guessing ids.

const CANCEL_LINKS = "checkout-cancel-links";

export function checkoutReturnUrls(options: { orderId: string; checkoutId?: string }): { successUrl: string; cancelUrl: string } {
  const base = config().APP_URL;
  const checkoutId = options.checkoutId ? encodeURIComponent(options.checkoutId) : "{CHECKOUT_SESSION_ID}";
  const sig = linkSignature({ purpose: CANCEL_LINKS, payload: options.orderId });
  return {
    successUrl: `${base}/checkout/complete?session_id=${checkoutId}`,
    cancelUrl: `${base}/checkout/cancelled?order=${encodeURIComponent(options.orderId)}&sig=${sig}`,
  };
}

/** Whether `sig` is the cancel link's signature for this order (constant time). */
export function isCancelLinkSignature(orderId: string, sig: string): boolean {
  return isLinkSignature({ purpose: CANCEL_LINKS, payload: orderId, signature: sig });
}
