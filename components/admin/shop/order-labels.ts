// Words for order, refund and access states in the back office (shared by orders and customers).

import { orderStatusLabels } from "@/lib/payments/payment-summary";

// The same words as the buyer's screens: one map, so the two never drift apart.
export const orderStatusWords: Record<string, string> = orderStatusLabels;

export const orderStatusTones: Record<string, string> = {
  PENDING: "badge-warn",
  PAID: "badge-info",
  PARTIALLY_REFUNDED: "",
  REFUNDED: "",
  CANCELLED: "badge-muted",
  EXPIRED: "badge-muted",
};

export const refundStatusWords: Record<string, string> = { PENDING: "Sending", SUCCEEDED: "Refunded", FAILED: "Failed" };
export const refundStatusTones: Record<string, string> = { PENDING: "badge-warn", SUCCEEDED: "badge-info", FAILED: "badge-error" };
export const refundOriginWords: Record<string, string> = {
  CLIENT_CANCELLATION: "Client cancelled",
  COACH: "By you",
  LATE_PAYMENT: "Paid after the time was taken",
  PROVIDER_DASHBOARD: "In the Stripe dashboard",
};

export const entitlementStatusWords: Record<string, string> = { ACTIVE: "Has access", REVOKED: "Access taken back" };
export const entitlementStatusTones: Record<string, string> = { ACTIVE: "badge-info", REVOKED: "badge-muted" };
