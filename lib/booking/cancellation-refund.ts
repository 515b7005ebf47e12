import type { OrderStatus } from "../db/generated/client";

// What a cancellation pays back: one pure rule, used by cancelBooking to request the refund and by
// the manage page to say the amount before the client confirms, so the two can never disagree.

/** An order that took money (and may since have been partly or fully refunded). */
export const PAID_ORDER_STATUSES: readonly OrderStatus[] = ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"];

export type CancellationRefund = {
  /** Minor units; 0 means no refund is requested. */
  amountCents: number;
  /**
   * full: everything still refundable (within the window, or cancelled by the coach);
   * late: the policy's percentage after the cutoff (may be 0);
   * unpaid: nothing was paid (free session, or the payment never completed).
   */
  rule: "full" | "late" | "unpaid";
  /** The late-cancellation percentage that applied (rule "late" only). */
  percent: number | null;
};

export function cancellationRefund(options: {
  order: { status: OrderStatus; totalCents: number; refundedCents: number } | null;
  cancelledBy: "CLIENT" | "COACH";
  /** The client's change window (start − cutoff) is still open. */
  withinWindow: boolean;
  lateCancellationRefundPercent: number;
}): CancellationRefund {
  const { order, cancelledBy, withinWindow } = options;
  if (!order || !PAID_ORDER_STATUSES.includes(order.status)) return { amountCents: 0, rule: "unpaid", percent: null };
  const remaining = Math.max(0, order.totalCents - order.refundedCents);
  if (cancelledBy === "COACH" || withinWindow) return { amountCents: remaining, rule: "full", percent: null };
  const percent = Math.min(100, Math.max(0, Math.trunc(options.lateCancellationRefundPercent)));
  return { amountCents: Math.min(remaining, Math.floor((order.totalCents * percent) / 100)), rule: "late", percent };
}

/** Whether a booking was paid for: its order took money at some point. */
export function isPaidOrder(order: { status: OrderStatus } | null | undefined): boolean {
  return Boolean(order && PAID_ORDER_STATUSES.includes(order.status));
}
