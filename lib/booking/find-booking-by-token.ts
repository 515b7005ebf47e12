import type { DbOrTx } from "../db/client";
import type { BookingStatus, OrderStatus, PaymentProviderName, RefundStatus } from "../db/generated/client";
import { coachProfile, publicSessionType } from "./booking-data";
import { cancellationRefund, isPaidOrder, type CancellationRefund } from "./cancellation-refund";
import { changeWindow } from "./change-window";
import { findManagedBookingRow } from "./find-managed-booking-row";
import { paymentSummaryFields } from "../payments/payment-summary";

export type ManagedBooking = {
  id: string;
  status: BookingStatus;
  start: string;
  end: string;
  clientName: string;
  clientEmail: string;
  clientTimeZone: string;
  coachTimeZone: string;
  coachName: string;
  sessionType: { slug: string; title: string; durationMinutes: number; priceCents: number; currency: string };
  answers: Record<string, string>;
  /** Whether the client may still reschedule or cancel through the link. */
  canChange: boolean;
  /** Until when they may (start − the coach's cutoff), ISO-8601 UTC. */
  changeDeadline: string;
  cancelledAt: string | null;
  /** The booking's order, for a paid session; null for a free one. */
  payment: BookingPayment | null;
  /** Whether the client may cancel through the link now (a paid session: also after the cutoff, until it starts). */
  canCancel: boolean;
  /** What cancelling now pays back (null when nothing was paid); the page says it before they confirm. */
  cancellationRefund: (CancellationRefund & { currency: string }) | null;
  /** The coach's policy after the cutoff, for the wording before it. */
  lateCancellationRefundPercent: number;
};

export type BookingPayment = {
  status: OrderStatus;
  provider: PaymentProviderName;
  currency: string;
  totalCents: number;
  refundedCents: number;
  paidAt: string | null;
  refunds: { id: string; amountCents: number; status: RefundStatus; createdAt: string }[];
};

/** What the manage page shows. Reading it never changes anything. */
export async function findBookingByManageToken(options: { db: DbOrTx; token: string; now?: Date }): Promise<ManagedBooking> {
  const now = options.now ?? new Date();
  const booking = await findManagedBookingRow(options);
  const coach = coachProfile(booking.sessionType.coach);
  const window = changeWindow({ booking, cancellationCutoffHours: coach.cancellationCutoffHours, now });
  const [item, settings] = await Promise.all([
    options.db.orderItem.findUnique({
      where: { bookingId: booking.id },
      select: {
        order: {
          select: {
            ...paymentSummaryFields,
            paidAt: true,
            refunds: { orderBy: { createdAt: "asc" }, select: { id: true, amountCents: true, status: true, createdAt: true } },
          },
        },
      },
    }),
    options.db.coachSettings.findUnique({ where: { coachId: coach.id }, select: { lateCancellationRefundPercent: true } }),
  ]);
  const order = item?.order ?? null;
  const lateCancellationRefundPercent = settings?.lateCancellationRefundPercent ?? 0;
  const paid = isPaidOrder(order);
  // The same rule cancelBooking applies: a paid, confirmed session can be cancelled until it starts.
  const canCancel = order?.status !== "PENDING" && (window.open || (paid && booking.status === "CONFIRMED" && booking.startsAt > now));
  return {
    id: booking.id,
    status: booking.status,
    start: booking.startsAt.toISOString(),
    end: booking.endsAt.toISOString(),
    clientName: booking.clientName,
    clientEmail: booking.clientEmail,
    clientTimeZone: booking.clientTimeZone,
    coachTimeZone: coach.timeZone,
    coachName: coach.name,
    sessionType: publicSessionType(booking.sessionType),
    answers: booking.answers as Record<string, string>,
    // While its payment is still open, a held booking is settled on the payment page, not here.
    canChange: window.open && order?.status !== "PENDING",
    changeDeadline: window.deadline.toISOString(),
    cancelledAt: booking.cancelledAt?.toISOString() ?? null,
    payment: order
      ? {
          status: order.status,
          provider: order.provider,
          currency: order.currency,
          totalCents: order.totalCents,
          refundedCents: order.refundedCents,
          paidAt: order.paidAt?.toISOString() ?? null,
          refunds: order.refunds.map((refund) => ({ ...refund, createdAt: refund.createdAt.toISOString() })),
        }
      : null,
    canCancel,
    cancellationRefund:
      order && paid
        ? { ...cancellationRefund({ order, cancelledBy: "CLIENT", withinWindow: window.open, lateCancellationRefundPercent }), currency: order.currency }
        : null,
    lateCancellationRefundPercent,
  };
}
