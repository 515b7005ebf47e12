import { isStorableText } from "../admin/parse-input";
import { coachProfile, sessionTypeSelect } from "../booking/booking-data";
import { bookingItemName } from "../booking/booking-item-title";
import type { DbOrTx } from "../db/client";
import type { BookingStatus, OrderStatus } from "../db/generated/client";
import { NotFoundError } from "../errors";
import { checkoutReturnUrls } from "./checkout-return-urls";

export type CheckoutSummary = {
  orderId: string;
  status: OrderStatus;
  provider: "STRIPE" | "TEST";
  email: string;
  currency: string;
  totalCents: number;
  /** Taken off the items' sum by a discount code. */
  discountCents: number;
  refundedCents: number;
  /**
   * A session is named by what it is (bookingItemName): when it is, is `booking`, which the pages
   * show on a line of its own. The stored title also says when, for Stripe's page and the receipt.
   */
  items: Array<{ title: string; quantity: number; totalCents: number }>;
  booking: null | {
    status: BookingStatus;
    startsAt: Date;
    endsAt: Date;
    clientTimeZone: string;
    coachTimeZone: string;
    coachName: string;
    sessionTitle: string;
  };
  /** The hosted checkout page, while the order can still be paid there. */
  checkoutUrl: string | null;
  expiresAt: Date | null;
  cancelUrl: string;
  successUrl: string;
  /** Paid after the hold ran out and the time was gone: refunded in full automatically (the page explains kindly). */
  latePaymentRefunded: boolean;
};

/** What the checkout pages show about an order, by its checkout id. Read only; NotFoundError for an unknown id. */
export async function getCheckoutSummary(options: { db: DbOrTx; checkoutId: string }): Promise<CheckoutSummary> {
  const notFound = new NotFoundError("We couldn't find that checkout. The link may be incomplete; your booking emails have the details of anything you booked.", "checkout_not_found");
  // The id comes from a URL: one PostgreSQL can't compare (a NUL from %00) names no checkout.
  if (!isStorableText(options.checkoutId)) throw notFound;
  const order = await options.db.order.findUnique({
    where: { checkoutId: options.checkoutId },
    select: {
      id: true,
      status: true,
      provider: true,
      email: true,
      currency: true,
      totalCents: true,
      discountCents: true,
      refundedCents: true,
      checkoutUrl: true,
      checkoutExpiresAt: true,
      items: {
        orderBy: { id: "asc" },
        select: {
          title: true,
          quantity: true,
          totalCents: true,
          booking: { select: { status: true, startsAt: true, endsAt: true, clientTimeZone: true, sessionType: { select: sessionTypeSelect } } },
        },
      },
      refunds: { where: { origin: "LATE_PAYMENT" }, select: { id: true }, take: 1 },
    },
  });
  if (!order) throw notFound;
  const booked = order.items.find((item) => item.booking)?.booking ?? null;
  const coach = booked ? coachProfile(booked.sessionType.coach) : null;
  return {
    orderId: order.id,
    status: order.status,
    provider: order.provider,
    email: order.email,
    currency: order.currency,
    totalCents: order.totalCents,
    discountCents: order.discountCents,
    refundedCents: order.refundedCents,
    items: order.items.map(({ title, quantity, totalCents, booking }) => ({
      title: booking ? bookingItemName(booking.sessionType.title, coachProfile(booking.sessionType.coach).name) : title,
      quantity,
      totalCents,
    })),
    booking:
      booked && coach
        ? {
            status: booked.status,
            startsAt: booked.startsAt,
            endsAt: booked.endsAt,
            clientTimeZone: booked.clientTimeZone,
            coachTimeZone: coach.timeZone,
            coachName: coach.name,
            sessionTitle: booked.sessionType.title,
          }
        : null,
    checkoutUrl: order.status === "PENDING" ? order.checkoutUrl : null,
    expiresAt: order.checkoutExpiresAt,
    ...checkoutReturnUrls({ orderId: order.id, checkoutId: options.checkoutId }),
    latePaymentRefunded: order.refunds.length > 0,
  };
}
