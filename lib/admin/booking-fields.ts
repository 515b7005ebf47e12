import type { Prisma } from "../db/generated/client";
import { paymentSummaryFields } from "../payments/payment-summary";

/** What the coach's booking lists and pages read of a booking (select, never include). */
export const coachBookingFields = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  clientName: true,
  clientEmail: true,
  clientTimeZone: true,
  holdExpiresAt: true,
  priceCents: true,
  currency: true,
  cancelledAt: true,
  cancelledBy: true,
  cancelReason: true,
  createdAt: true,
  sessionType: { select: { id: true, title: true, slug: true } },
  /** A paid session's order (null for a free one): the list's payment badge and the detail's panel. */
  orderItem: {
    select: {
      order: { select: { id: true, ...paymentSummaryFields, paidAt: true } },
    },
  },
} satisfies Prisma.BookingSelect;
