import { describe, expect, it } from "vitest";
import { formatMoney } from "@/lib/payments/format-money";
import { paymentSummary } from "@/lib/payments/payment-summary";

describe("formatMoney", () => {
  it.each([
    [9500, "GBP", "£95.00"],
    [5, "GBP", "£0.05"],
    [0, "GBP", "£0.00"],
    [123456, "gbp", "£1,234.56"],
    [2000, "EUR", "€20.00"],
    [1999, "USD", "US$19.99"],
    // Zero-decimal currency: the minor unit is the yen itself.
    [5000, "JPY", "JP¥5,000"],
  ])("%i %s → %s", (cents, currency, expected) => {
    expect(formatMoney(cents, currency)).toBe(expected);
  });
});

describe("paymentSummary", () => {
  const order = { totalCents: 9500, refundedCents: 0, currency: "GBP", provider: "STRIPE" as const };

  it.each([
    ["PENDING", "Awaiting payment", 0],
    ["PAID", "Paid", 9500],
    ["PARTIALLY_REFUNDED", "Partly refunded", 9500],
    ["REFUNDED", "Refunded", 9500],
    ["CANCELLED", "Payment cancelled", 0],
    ["EXPIRED", "Payment expired", 0],
  ] as const)("%s reads %j and counts %i as paid", (status, label, paidCents) => {
    expect(paymentSummary({ ...order, status })).toEqual({ label, paidCents, refundedCents: 0, currency: "GBP", testMode: false });
  });

  it("passes refunds through and marks test-mode orders", () => {
    const summary = paymentSummary({ ...order, status: "PARTIALLY_REFUNDED", refundedCents: 2500, provider: "TEST" });
    expect(summary).toMatchObject({ paidCents: 9500, refundedCents: 2500, testMode: true });
  });
});
