import type { Tx } from "../db/client";
import { discardWaitingEmails } from "./discard-waiting-emails";
import { orderWaitingKey } from "./order-waiting-key";

/**
 * Closes an order that was never paid (PENDING → CANCELLED when the buyer turned back or the
 * payment failed, → EXPIRED when the checkout ran out): its held bookings go to EXPIRED, so the time
 * is free at once, the confirmation emails held back for it are discarded, and the use of its
 * discount code reserved at checkout is given back. Conditional on PENDING, so it never touches a
 * paid order and a second call does nothing. Returns whether it closed the order.
 */
export async function releaseUnpaidOrder(options: { tx: Tx; orderId: string; status: "CANCELLED" | "EXPIRED"; now: Date }): Promise<boolean> {
  const { tx, orderId, now } = options;
  // The order row first, then its bookings: the lock order of every payment path.
  const [closed] = await tx.order.updateManyAndReturn({
    where: { id: orderId, status: "PENDING" },
    data: { status: options.status, closedAt: now },
    select: { couponId: true },
  });
  if (!closed) return false;
  // The discount code's use was reserved at checkout: give it back (once, as the order closes once).
  if (closed.couponId) {
    await tx.$executeRaw`UPDATE coupons SET redemption_count = redemption_count - 1 WHERE id = ${closed.couponId} AND redemption_count > 0`;
  }
  const items = await tx.orderItem.findMany({ where: { orderId, kind: "BOOKING" }, select: { bookingId: true } });
  const bookingIds = items.flatMap((item) => (item.bookingId ? [item.bookingId] : []));
  if (bookingIds.length) {
    await tx.booking.updateMany({ where: { id: { in: bookingIds }, status: "HELD" }, data: { status: "EXPIRED", updatedAt: now } });
  }
  await discardWaitingEmails({ tx, waitingFor: orderWaitingKey(orderId) });
  await tx.auditLog.create({ data: { action: `order.${options.status.toLowerCase()}`, entityType: "Order", entityId: orderId, data: { bookingIds } } });
  return true;
}
