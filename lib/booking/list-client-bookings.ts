import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";
import type { BookingStatus, OrderStatus, PaymentProviderName, RefundStatus } from "../db/generated/client";
import { AuthRequiredError } from "../errors";
import { paymentSummaryFields } from "../payments/payment-summary";

export type ClientBookingPayment = {
  status: OrderStatus;
  provider: PaymentProviderName;
  currency: string;
  totalCents: number;
  refundedCents: number;
  refunds: { id: string; amountCents: number; status: RefundStatus }[];
};

export type ClientBooking = {
  id: string;
  status: BookingStatus;
  start: string;
  end: string;
  sessionTitle: string;
  clientTimeZone: string;
  /** The order of a paid session; null for a free one. */
  payment: ClientBookingPayment | null;
};

/**
 * The signed-in person's bookings, matched by their (lowercased) email address: sessions that have
 * not ended yet first, soonest first, then past ones, latest first. Holds that ran out unpaid are
 * left out (whether or not they have been marked EXPIRED yet): they were never bookings. No manage token is exposed here.
 */
export async function listClientBookings(options: { db: DbOrTx; actor: CurrentUser | null; now?: Date }): Promise<ClientBooking[]> {
  const { db, actor } = options;
  if (!actor) throw new AuthRequiredError();
  const now = options.now ?? new Date();
  const rows = await db.booking.findMany({
    where: {
      clientEmail: actor.email.toLowerCase(),
      OR: [{ status: { notIn: ["EXPIRED", "HELD"] } }, { status: "HELD", holdExpiresAt: { gt: now } }],
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      status: true,
      startsAt: true,
      endsAt: true,
      clientTimeZone: true,
      sessionType: { select: { title: true } },
      orderItem: {
        select: {
          order: {
            select: {
              ...paymentSummaryFields,
              refunds: { orderBy: { createdAt: "asc" }, select: { id: true, amountCents: true, status: true } },
            },
          },
        },
      },
    },
  });
  const toBooking = (row: (typeof rows)[number]): ClientBooking => ({
    id: row.id,
    status: row.status,
    start: row.startsAt.toISOString(),
    end: row.endsAt.toISOString(),
    sessionTitle: row.sessionType.title,
    clientTimeZone: row.clientTimeZone,
    payment: row.orderItem?.order ?? null,
  });
  const upcoming = rows.filter((row) => row.endsAt > now);
  const past = rows.filter((row) => row.endsAt <= now).reverse();
  return [...upcoming, ...past].map(toBooking);
}
