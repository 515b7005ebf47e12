import { randomUUID } from "node:crypto";
import { queryRows, type Db } from "../db/client";
import { paymentReceiptEmail, type ReceiptItem } from "../email/templates/payment-receipt";
import { orderWaitingKey } from "./order-waiting-key";
import type { PaymentEffects } from "./payment-effects";
import type { CheckoutState, ProviderName } from "./provider";

type OrderFacts = {
  id: string;
  status: string;
  provider: ProviderName;
  checkoutId: string | null;
  email: string;
  currency: string;
  totalCents: number;
  seen: boolean;
  items: Array<ReceiptItem & { kind: string; bookingId: string | null }>;
  bookingId: string | null;
  bookingStatus: string | null;
  holdExpiresAt: Date | null;
  startsAt: Date | null;
  clientTimeZone: string | null;
  reminderOffsets: number[] | null;
};

// deadlock_detected, serialization_failure
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001"]);

const READ = `
  SELECT o.id, o.status, o.provider, o.checkout_id AS "checkoutId", o.email, o.currency, o.total_cents AS "totalCents",
         EXISTS (SELECT 1 FROM payment_events WHERE id = $3) AS seen,
         (SELECT json_agg(json_build_object('title', i.title, 'quantity', i.quantity, 'totalCents', i.total_cents, 'kind', i.kind, 'bookingId', i.booking_id) ORDER BY i.id)
            FROM order_items i WHERE i.order_id = o.id) AS items,
         b.id AS "bookingId", b.status AS "bookingStatus", b.hold_expires_at AS "holdExpiresAt", b.starts_at AS "startsAt",
         b.client_time_zone AS "clientTimeZone", cs.reminder_offsets_minutes AS "reminderOffsets"
    FROM orders o
    LEFT JOIN order_items bi ON bi.order_id = o.id AND bi.kind = 'BOOKING'
    LEFT JOIN bookings b ON b.id = bi.booking_id
    LEFT JOIN coach_settings cs ON cs.coach_id = b.coach_id
   WHERE o.id = $1 OR o.checkout_id = $2
   ORDER BY (o.id = $1) DESC
   LIMIT 1`;

// One statement, so one atomic change without a client-side transaction. `ok` locks the booking and
// the order and re-checks (after any concurrent change) that the hold is live and the order unpaid;
// everything else happens only if it found them so: the event id is inserted (a duplicate waits on
// the key, then inserts nothing), the order is paid, the booking confirmed, the held-back emails
// released, the receipt and the audit row written.
const WRITE = `
  WITH ok AS (
         SELECT b.id FROM bookings b JOIN orders o ON o.id = $2
          WHERE b.id = $3 AND b.status = 'HELD' AND b.hold_expires_at > $4 AND o.status = 'PENDING'
          FOR UPDATE OF b, o),
       ev AS (INSERT INTO payment_events (id, type, received_at) SELECT $1, $5, $4 FROM ok ON CONFLICT (id) DO NOTHING RETURNING id),
       paid AS (UPDATE orders SET status = 'PAID', paid_at = $4, closed_at = NULL, updated_at = $4, payment_intent_id = coalesce($6, payment_intent_id)
                 WHERE id = $2 AND EXISTS (SELECT 1 FROM ev) RETURNING id),
       confirmed AS (UPDATE bookings SET status = 'CONFIRMED', updated_at = $4 WHERE id = $3 AND EXISTS (SELECT 1 FROM paid) RETURNING id),
       released AS (UPDATE email_messages SET status = 'PENDING', next_attempt_at = $4
                     WHERE waiting_for = $7 AND status IN ('WAITING', 'DISCARDED') AND EXISTS (SELECT 1 FROM confirmed) RETURNING id),
       receipt AS (INSERT INTO email_messages (id, template, to_address, subject, html, text, attachments, status, next_attempt_at, created_at)
                   SELECT $8, 'payment-receipt', $9, $10, $11, $12, '[]', 'PENDING', $4, $4 FROM confirmed RETURNING id),
       audit AS (INSERT INTO audit_logs (id, action, entity_type, entity_id, data, created_at)
                 SELECT $13, 'booking.paid', 'Booking', $3, json_build_object('orderId', $2::text), $4 FROM confirmed)
  SELECT (SELECT count(*) FROM ok)::int AS held, (SELECT count(*) FROM ev)::int AS inserted, (SELECT count(*) FROM confirmed)::int AS confirmed,
         array(SELECT id FROM released) AS released, (SELECT id FROM receipt) AS receipt`;

/**
 * The common case of a booking payment, in two statements straight through the pool instead of a
 * dozen through Prisma (which costs ~1.5 ms of client work per query): a completed checkout for a
 * PENDING order whose booking still holds its time. It does exactly what applyPaidOrder does for
 * that case (order PAID, booking CONFIRMED, held-back confirmations released, receipt, audit row)
 * and what processPaymentEvent does around it (event id inserted in the same atomic change).
 *
 * Anything else (a lapsed hold, a closed order, no booking, an order without its checkout id yet)
 * returns null: the caller takes the general path, so there is one set of rules and this is only
 * its fast lane. A committed event id answers "duplicate" at once.
 */
export async function applyHeldBookingPayment(options: {
  db: Db;
  provider: ProviderName;
  eventId: string;
  eventType: string;
  checkout: CheckoutState;
  now: Date;
}): Promise<{ outcome: "applied" | "duplicate"; effects: PaymentEffects } | null> {
  const { db, checkout, now } = options;
  if (checkout.paymentStatus === "unpaid") return null;
  const [order] = await queryRows<OrderFacts>(db, READ, [checkout.orderId ?? "", checkout.id, options.eventId]);
  const none: PaymentEffects = { messageIds: [], reminders: [], refundIds: [] };
  if (order?.seen) return { outcome: "duplicate", effects: none };
  if (
    !order ||
    order.provider !== options.provider ||
    order.status !== "PENDING" ||
    order.checkoutId !== checkout.id ||
    order.items?.length !== 1 ||
    !order.bookingId ||
    order.bookingStatus !== "HELD" ||
    !order.holdExpiresAt ||
    order.holdExpiresAt <= now ||
    !order.startsAt
  ) {
    return null;
  }

  const receipt = paymentReceiptEmail({
    orderId: order.id,
    items: order.items,
    totalCents: order.totalCents,
    currency: order.currency,
    paidAt: now,
    timeZone: order.clientTimeZone ?? "UTC",
    testMode: order.provider === "TEST",
    next: "Your booking confirmation, with the calendar file and your link to reschedule or cancel, comes in a separate email.",
  });
  let result: { held: number; inserted: number; confirmed: number; released: string[]; receipt: string | null };
  try {
    [result] = await queryRows<typeof result>(db, WRITE, [
    options.eventId,
    order.id,
    order.bookingId,
    now,
    options.eventType,
    checkout.paymentIntentId,
    orderWaitingKey(order.id),
    randomUUID(),
    order.email,
    receipt.subject,
    receipt.html,
    receipt.text,
    randomUUID(),
    ]);
  } catch (error) {
    // Chosen as a deadlock victim (another path locked the order first): the general path retries.
    if (RETRYABLE_SQLSTATES.has((error as { code?: string }).code ?? "")) return null;
    throw error;
  }
  // The hold lapsed or the order changed since the read: the general path decides.
  if (result.held === 0) return null;
  if (result.inserted === 0) return { outcome: "duplicate", effects: none };
  return {
    outcome: "applied",
    effects: {
      messageIds: [...result.released, ...(result.receipt ? [result.receipt] : [])],
      reminders: [{ bookingId: order.bookingId, startsAt: order.startsAt, offsetsMinutes: order.reminderOffsets ?? [1440, 60] }],
      refundIds: [],
    },
  };
}
