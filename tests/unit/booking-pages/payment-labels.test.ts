import { describe, expect, it } from "vitest";
import { cancellationRefundSentence, refundLine } from "@/components/booking/payment-labels";
import { cancellationRefund } from "@/lib/booking/cancellation-refund";

const paid = { status: "PAID" as const, totalCents: 9500, refundedCents: 0 };

describe("cancellationRefund", () => {
  it("pays back everything still paid within the window or when the coach cancels", () => {
    expect(cancellationRefund({ order: paid, cancelledBy: "CLIENT", withinWindow: true, lateCancellationRefundPercent: 0 })).toEqual({ amountCents: 9500, rule: "full", percent: null });
    expect(cancellationRefund({ order: paid, cancelledBy: "COACH", withinWindow: false, lateCancellationRefundPercent: 0 })).toEqual({ amountCents: 9500, rule: "full", percent: null });
    expect(
      cancellationRefund({ order: { status: "PARTIALLY_REFUNDED", totalCents: 9500, refundedCents: 2000 }, cancelledBy: "CLIENT", withinWindow: true, lateCancellationRefundPercent: 0 }),
    ).toMatchObject({ amountCents: 7500 });
  });

  it("after the cutoff: the policy's share of the price, rounded down, never more than is left", () => {
    expect(cancellationRefund({ order: paid, cancelledBy: "CLIENT", withinWindow: false, lateCancellationRefundPercent: 33 })).toEqual({ amountCents: 3135, rule: "late", percent: 33 });
    expect(cancellationRefund({ order: paid, cancelledBy: "CLIENT", withinWindow: false, lateCancellationRefundPercent: 0 })).toEqual({ amountCents: 0, rule: "late", percent: 0 });
    expect(
      cancellationRefund({ order: { status: "PARTIALLY_REFUNDED", totalCents: 9500, refundedCents: 8000 }, cancelledBy: "CLIENT", withinWindow: false, lateCancellationRefundPercent: 50 }),
    ).toMatchObject({ amountCents: 1500 });
  });

  it("has nothing to pay back when nothing was paid", () => {
    expect(cancellationRefund({ order: null, cancelledBy: "CLIENT", withinWindow: true, lateCancellationRefundPercent: 50 }).rule).toBe("unpaid");
    for (const status of ["PENDING", "CANCELLED", "EXPIRED"] as const) {
      expect(cancellationRefund({ order: { ...paid, status }, cancelledBy: "COACH", withinWindow: true, lateCancellationRefundPercent: 50 })).toEqual({ amountCents: 0, rule: "unpaid", percent: null });
    }
  });
});

describe("cancellationRefundSentence", () => {
  const base = { totalCents: 9500, cutoffHours: 24, coachName: "Maya", testMode: false };
  it("says exactly what comes back before the client confirms", () => {
    expect(cancellationRefundSentence({ ...base, refund: { amountCents: 9500, rule: "full", percent: null, currency: "GBP" } })).toMatch(/^You'll get £95\.00 back in full, to the card you paid with\./);
    expect(cancellationRefundSentence({ ...base, refund: { amountCents: 4750, rule: "late", percent: 50, currency: "GBP" } })).toMatch(
      /^Your session is less than 24 hours away, so the cancellation policy refunds 50% of the price: you'll get £47\.50 back/,
    );
    expect(cancellationRefundSentence({ ...base, refund: { amountCents: 0, rule: "late", percent: 0, currency: "GBP" } })).toContain("there is no refund if you cancel now");
    expect(cancellationRefundSentence({ ...base, testMode: true, refund: { amountCents: 9500, rule: "full", percent: null, currency: "GBP" } })).toContain("no money moves");
  });
});

describe("refundLine", () => {
  it("names each refund's amount and state", () => {
    expect(refundLine({ amountCents: 9500, status: "PENDING" }, "GBP", "Maya")).toBe("£95.00 refund on its way");
    expect(refundLine({ amountCents: 2000, status: "SUCCEEDED" }, "GBP", "Maya")).toBe("£20.00 refunded");
    expect(refundLine({ amountCents: 2000, status: "FAILED" }, "EUR", "Maya")).toContain("Maya has been told");
  });
});
