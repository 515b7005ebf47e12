import type { OrderStatus } from "../db/generated/client";

/** A paid order's status as its refunds make it: refunds requested or made count (PENDING and SUCCEEDED). */
export function refundedStatus(refundedCents: number, totalCents: number): OrderStatus {
  if (refundedCents <= 0) return "PAID";
  return refundedCents >= totalCents ? "REFUNDED" : "PARTIALLY_REFUNDED";
}
