import { describe, expect, it } from "vitest";
import { latePaymentRefundedEmail } from "@/lib/email/templates/late-payment-refunded";
import { paymentReceiptEmail } from "@/lib/email/templates/payment-receipt";
import { refundFailedEmail } from "@/lib/email/templates/refund-failed";
import { refundIssuedEmail } from "@/lib/email/templates/refund-issued";

const maya = { name: "Maya Ellison", email: "coach@example.com", timeZone: "Europe/London" };
const sam = { name: "Sam", email: "sam@example.com", timeZone: "America/New_York" };
const items = [{ title: "Strategy session with Maya Ellison, Tuesday 3 March 2026, 09:00 (America/New_York)", quantity: 1, totalCents: 9500 }];

describe("payment emails", () => {
  it("the receipt names what was bought, the amount with its currency and when, in the buyer's zone", () => {
    const email = paymentReceiptEmail({ orderId: "ord_1", items, totalCents: 9500, currency: "GBP", paidAt: new Date("2026-03-02T15:00:00Z"), timeZone: sam.timeZone, testMode: false });
    expect(email.subject).toBe("Your receipt: £95.00");
    expect(email.text).toContain("Strategy session with Maya Ellison, Tuesday 3 March 2026, 09:00 (America/New_York): £95.00");
    expect(email.text).toContain("Total paid: £95.00, on Monday 2 March 2026, 10:00 (America/New_York).");
    expect(email.text).toContain("Order reference: ord_1.");
    expect(email.text).not.toContain("Test payment");
  });

  it("a test-mode receipt says plainly that no money moved", () => {
    const email = paymentReceiptEmail({ orderId: "ord_1", items, totalCents: 9500, currency: "GBP", paidAt: new Date(), timeZone: "UTC", testMode: true });
    expect(email.subject).toBe("Receipt for your test payment of £95.00");
    expect(email.text).toContain("Test payment: no money moved.");
  });

  it("the refund email gives the amount, the running total for a partial refund, what happens next and how long banks take", () => {
    const partial = refundIssuedEmail({ orderId: "ord_1", subject: "your session", amountCents: 2500, refundedCents: 2500, totalCents: 9500, currency: "EUR", testMode: false });
    expect(partial.subject).toBe("Your refund of €25.00");
    expect(partial.text).toContain("In total, €25.00 of the €95.00 you paid has been refunded.");
    expect(partial.text).toContain("there's nothing you need to do");
    expect(partial.text).toContain("5 to 10 working days");
    const full = refundIssuedEmail({ orderId: "ord_1", subject: "your session", amountCents: 9500, refundedCents: 9500, totalCents: 9500, currency: "GBP", testMode: false });
    expect(full.text).toContain("that's the full amount you paid");
  });

  it("the coach's refund-failed email says whether the money left, that the buyer wasn't emailed, and that what the refund changed stays", () => {
    const base = { orderId: "ord_1", buyerEmail: "sam@example.com", subject: "your session", amountCents: 9500, currency: "GBP", orderUrl: "http://localhost:3000/admin/orders/ord_1" };
    const booking = { items: { booking: true, products: false }, accessClosed: false };
    const reversed = refundFailedEmail({ ...base, ...booking, stage: "reversed", error: "The refund couldn't be completed: the card has expired or been cancelled (expired_or_canceled_card)." });
    expect(reversed.subject).toBe("A refund of £95.00 couldn't be completed");
    expect(reversed.text).toContain("was accepted by the payment provider, but it couldn't be completed, so the money is back in your balance and hasn't reached the buyer.");
    expect(reversed.text).toContain("What the provider said: The refund couldn't be completed: the card has expired or been cancelled");
    const refused = refundFailedEmail({ ...base, ...booking, stage: "refused", error: "Stripe refused the refund." });
    expect(refused.subject).toBe("A refund of £95.00 didn't go through");
    expect(refused.text).toContain("was not accepted by the payment provider, so no money has gone back yet.");
    for (const email of [reversed, refused]) {
      expect(email.text).toContain("try the refund again from the provider's dashboard");
      expect(email.text).toContain("If the refund cancelled a booking or closed access to downloads or a course, those stay as they are: you decide whether to change them.");
      expect(email.text).toContain("http://localhost:3000/admin/orders/ord_1");
    }
  });

  it("a refund given up on without a clear answer: the coach is asked to check the payment in Stripe before refunding again, never told it was refused", () => {
    const email = refundFailedEmail({
      orderId: "ord_1",
      buyerEmail: "sam@example.com",
      subject: "your session",
      amountCents: 9500,
      currency: "GBP",
      orderUrl: "http://localhost:3000/admin/orders/ord_1",
      items: { booking: true, products: false },
      accessClosed: false,
      stage: "unconfirmed",
      error: "Request timed out",
    });
    expect(email.subject).toBe("A refund of £95.00 may not have gone through");
    expect(email.text).toContain("We couldn't confirm whether the refund of £95.00 to sam@example.com for your session went through");
    expect(email.text).toContain("A request that timed out may still have been carried out");
    expect(email.text).toContain("Before refunding again, please check this payment in the provider's dashboard (Stripe)");
    expect(email.text).toContain("The last try: Request timed out");
    expect(email.text).not.toMatch(/not accepted|no money has gone back|refused|try the refund again/);
  });

  it("the coach's refund-failed email says what the buyer can see: a booking's page, or a library that doesn't show refunds", () => {
    const base = { orderId: "ord_1", buyerEmail: "sam@example.com", subject: "your order", amountCents: 1500, currency: "GBP", orderUrl: "u", stage: "reversed" as const, error: "declined" };
    const emailed = "The buyer was emailed that the refund is on its way and hasn't been emailed about this.";
    const booking = refundFailedEmail({ ...base, items: { booking: true, products: false }, accessClosed: false }).text;
    expect(booking).toContain(`${emailed} Their booking page shows this refund as not completed yet, with a note that you've been told and will sort it out with them.`);
    expect(booking).not.toContain("hasn't been told otherwise");
    expect(booking).not.toContain("library");
    const partial = refundFailedEmail({ ...base, items: { booking: false, products: true }, accessClosed: false }).text;
    expect(partial).toContain(`${emailed} Their library doesn't show refunds, so nothing on the site tells them about it.`);
    expect(partial).not.toContain("booking page");
    const closed = refundFailedEmail({ ...base, items: { booking: false, products: true }, accessClosed: true }).text;
    expect(closed).toContain(`${emailed} Their library says the refund hasn't gone through yet and that you'll be in touch; the access the refund closed stays closed.`);
  });

  it("the late-payment email is kind, says it isn't their doing, and lists the nearest free times in their zone", () => {
    const email = latePaymentRefundedEmail({
      sessionTitle: "Strategy session",
      start: new Date("2026-03-03T14:00:00Z"),
      client: sam,
      coach: maya,
      amountCents: 9500,
      currency: "GBP",
      alternatives: [new Date("2026-03-03T15:00:00Z"), new Date("2026-03-04T14:00:00Z")],
      bookAgainUrl: "http://localhost:3000/book/strategy-session",
      slotTaken: true,
      testMode: false,
    });
    expect(email.subject).toBe("We've refunded your payment of £95.00");
    expect(email.text).toContain("By the time your payment went through, the time you chose was no longer available");
    expect(email.text).toContain("we've refunded you in full (£95.00)");
    expect(email.text).toContain("This isn't anything you did");
    expect(email.text).toContain("• Tuesday 3 March 2026, 10:00 (America/New_York)\n\n• Wednesday 4 March 2026, 09:00 (America/New_York)");
    expect(email.text).toContain("Choose a new time: http://localhost:3000/book/strategy-session");
  });
});
