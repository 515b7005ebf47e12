import type { ProviderRefund } from "./provider";

/**
 * A Stripe refund's status as far as the money goes: succeeded; failed (Stripe's failed and
 * canceled both leave the money with the coach); anything else (pending, requires_action) is still
 * on its way.
 */
export function stripeRefundStatus(status: string | null): ProviderRefund["status"] {
  if (status === "succeeded") return "succeeded";
  if (status === "failed" || status === "canceled") return "failed";
  return "pending";
}
