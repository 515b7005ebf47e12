import { randomUUID } from "node:crypto";
import { queryRows, type Db } from "../db/client";
import type { CheckoutState, ProviderName } from "./provider";

// deadlock_detected, serialization_failure
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001"]);

// The event id and releaseUnpaidOrder's change in one statement, so one atomic change without a
// client-side transaction: the order (found by its id, else its checkout id; only this provider's,
// only while PENDING, only for its own current checkout) is closed, its held bookings expire and
// the emails held back for it are discarded. A duplicate waits on the event key, then does nothing.
const CLOSE = `
  WITH target AS (
         SELECT id FROM orders WHERE (id = $2 OR checkout_id = $3) AND provider = $4::"PaymentProviderName" ORDER BY (id = $2) DESC LIMIT 1),
       ev AS (INSERT INTO payment_events (id, type, received_at) VALUES ($1, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id),
       closed AS (UPDATE orders SET status = $7::"OrderStatus", closed_at = $6, updated_at = $6
                   WHERE id = (SELECT id FROM target) AND status = 'PENDING' AND (checkout_id IS NULL OR checkout_id = $3)
                     AND EXISTS (SELECT 1 FROM ev) RETURNING id),
       released AS (UPDATE bookings b SET status = 'EXPIRED', updated_at = $6 FROM order_items i
                     WHERE i.order_id = (SELECT id FROM closed) AND i.kind = 'BOOKING' AND b.id = i.booking_id AND b.status = 'HELD' RETURNING b.id),
       discarded AS (UPDATE email_messages SET status = 'DISCARDED'
                      WHERE waiting_for = 'order:' || (SELECT id FROM closed) AND status = 'WAITING' RETURNING id),
       audit AS (INSERT INTO audit_logs (id, action, entity_type, entity_id, data, created_at)
                 SELECT $8, $9, 'Order', id, json_build_object('bookingIds', (SELECT coalesce(json_agg(id), '[]'::json) FROM released)), $6 FROM closed)
  SELECT (SELECT count(*) FROM ev)::int AS inserted, (SELECT count(*) FROM closed)::int AS closed, (SELECT count(*) FROM discarded)::int AS discarded`;

/**
 * checkout.expired and checkout.async_payment_failed, applied with their event id in one statement
 * straight through the pool (Prisma costs ~1.5 ms of client work per query, and these are a good
 * share of a busy webhook's traffic). The change is releaseUnpaidOrder's: a paid order is never
 * touched, so a late `expired` never undoes `paid`. Returns null when PostgreSQL picked this
 * statement as a deadlock victim: the caller then takes the general path, which retries.
 */
export async function applyUnpaidCheckoutEvent(options: {
  db: Db;
  provider: ProviderName;
  eventId: string;
  eventType: string;
  checkout: CheckoutState;
  status: "CANCELLED" | "EXPIRED";
  now: Date;
}): Promise<{ outcome: "applied" | "duplicate" | "ignored" } | null> {
  const { checkout, now } = options;
  try {
    const [result] = await queryRows<{ inserted: number; closed: number }>(options.db, CLOSE, [
      options.eventId,
      checkout.orderId ?? "",
      checkout.id,
      options.provider,
      options.eventType,
      now,
      options.status,
      randomUUID(),
      `order.${options.status.toLowerCase()}`,
    ]);
    if (result.inserted === 0) return { outcome: "duplicate" };
    return { outcome: result.closed === 1 ? "applied" : "ignored" };
  } catch (error) {
    if (RETRYABLE_SQLSTATES.has((error as { code?: string }).code ?? "")) return null;
    throw error;
  }
}
