import { describe, expect, it } from "vitest";
import { paymentReceiptEmail } from "@/lib/email/templates/payment-receipt";

const base = {
  orderId: "order_1",
  items: [{ title: "The Rejection Sensitivity Journal", quantity: 1, totalCents: 1800 }],
  totalCents: 1800,
  currency: "GBP",
  paidAt: new Date("2026-11-25T12:00:00Z"),
  timeZone: "Europe/London",
  testMode: false,
};

describe("the receipt of an order with downloads", () => {
  it("links to the library through the sign-in link and names the plain address, never a file", () => {
    const email = paymentReceiptEmail({
      ...base,
      library: { signInUrl: "https://coach.example/api/auth/callback/email?callbackUrl=%2Faccount%2Flibrary&token=abc", libraryUrl: "https://coach.example/account/library" },
    });
    expect(email.text).toContain("Open your library: https://coach.example/api/auth/callback/email?callbackUrl=%2Faccount%2Flibrary&token=abc");
    expect(email.text).toContain("it works once, within 7 days");
    expect(email.text).toContain("go to https://coach.example/account/library and sign in with this email address");
    expect(email.html).toContain('href="https://coach.example/api/auth/callback/email?callbackUrl=%2Faccount%2Flibrary&amp;token=abc"');
    expect(email.text).not.toContain("/api/downloads/");
    expect(email.text).toContain("£18.00");
  });

  it("without a sign-in link gives the plain library address and no button", () => {
    const email = paymentReceiptEmail({ ...base, library: { libraryUrl: "https://coach.example/account/library" } });
    expect(email.text).toContain("waiting in your library: go to https://coach.example/account/library");
    expect(email.text).not.toContain("Open your library:");
  });

  it("a booking's receipt says nothing about a library", () => {
    expect(paymentReceiptEmail(base).text).not.toContain("library");
  });
});
