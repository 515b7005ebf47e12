import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ClientBookings } from "@/components/booking/client-bookings";
import type { ClientBooking } from "@/components/booking/split-bookings";

const booking = (payment: ClientBooking["payment"]): ClientBooking => ({
  id: "b1",
  status: "CONFIRMED",
  start: "2026-03-10T10:00:00.000Z",
  end: "2026-03-10T11:00:00.000Z",
  sessionTitle: "One-on-one strategy session",
  clientTimeZone: "Europe/London",
  payment,
});

const render = (bookings: ClientBooking[]) => renderToStaticMarkup(createElement(ClientBookings, { bookings, now: Date.parse("2026-03-01T00:00:00Z") }));
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("/account's list of sessions", () => {
  it("shows a paid session's payment and each refund with its state", () => {
    const html = render([
      booking({
        status: "PARTIALLY_REFUNDED",
        provider: "STRIPE",
        currency: "GBP",
        totalCents: 9500,
        refundedCents: 2000,
        refunds: [{ id: "r1", amountCents: 2000, status: "PENDING" }],
      }),
    ]);
    expect(text(html)).toContain("Payment: Partly refunded, £95.00");
    expect(text(html)).toContain("£20.00 refund on its way");
    expect(html).not.toContain("no money moved");
  });

  it("says a test payment moved no money, and a free session shows no payment line", () => {
    const paid = text(render([booking({ status: "PAID", provider: "TEST", currency: "GBP", totalCents: 9500, refundedCents: 0, refunds: [] })]));
    expect(paid).toContain("Paid, £95.00 (test payment: no money moved)");
    const free = text(render([booking(null)]));
    expect(free).not.toContain("Payment:");
  });
});
