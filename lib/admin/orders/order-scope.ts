import type { Prisma } from "../../db/generated/client";

/**
 * The orders a coach may see and refund: shop orders (products have no other owner on this
 * single-coach platform) and orders for her own bookings, never another coach's booking. The
 * condition goes into every where clause, so an id from elsewhere is simply not found.
 */
export function coachOrderScope(coachId: string): Prisma.OrderWhereInput {
  return { NOT: { items: { some: { kind: "BOOKING", booking: { coachId: { not: coachId } } } } } };
}

export const ORDER_STATUSES = ["PENDING", "PAID", "PARTIALLY_REFUNDED", "REFUNDED", "CANCELLED", "EXPIRED"] as const;
