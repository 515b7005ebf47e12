import type { OrderStatus, PaymentProviderName, Prisma } from "../db/generated/client";

export type PaymentSummaryLabel = "Paid" | "Awaiting payment" | "Partly refunded" | "Refunded" | "Payment cancelled" | "Payment expired";

export type PaymentSummary = {
  label: PaymentSummaryLabel;
  /** What the buyer paid (0 until the payment has gone through); refunds don't reduce it. */
  paidCents: number;
  refundedCents: number;
  currency: string;
  /** A test-mode order: screens say "no money moved" next to the amounts. */
  testMode: boolean;
};

/** Each order state in the words every screen uses (the back office's order lists read them too). */
export const orderStatusLabels: Record<OrderStatus, PaymentSummaryLabel> = {
  PENDING: "Awaiting payment",
  PAID: "Paid",
  PARTIALLY_REFUNDED: "Partly refunded",
  REFUNDED: "Refunded",
  CANCELLED: "Payment cancelled",
  EXPIRED: "Payment expired",
};

const paidStatuses: ReadonlySet<OrderStatus> = new Set(["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);

/** What paymentSummary reads of an order, for selects whose rows are shown with a payment badge or summary. */
export const paymentSummaryFields = {
  status: true,
  totalCents: true,
  refundedCents: true,
  currency: true,
  provider: true,
} satisfies Prisma.OrderSelect;

/** An order's payment state in the words every screen uses (manage page, /account, the coach's admin). */
export function paymentSummary(order: {
  status: OrderStatus;
  totalCents: number;
  refundedCents: number;
  currency: string;
  provider: PaymentProviderName;
}): PaymentSummary {
  return {
    label: orderStatusLabels[order.status],
    paidCents: paidStatuses.has(order.status) ? order.totalCents : 0,
    refundedCents: order.refundedCents,
    currency: order.currency,
    testMode: order.provider === "TEST",
  };
}
