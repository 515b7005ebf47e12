import { z } from "zod";
import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import { queryRows, type DbOrTx } from "../../db/client";
import { getCoachTimeZone } from "../../time/coach-time-zone";
import { parseInput, storableText } from "../parse-input";

export const CUSTOMERS_PAGE_SIZE = 25;

const filters = z.object({
  /** Part of the email address or of a name the person booked under. */
  search: storableText.trim().max(200, "Search for at most 200 characters.").optional(),
  page: z.number().int().min(1).default(1),
});

export type CustomerFilters = z.input<typeof filters>;

export type CustomerRow = {
  email: string;
  /** The latest name they booked under, or their account's name. */
  name: string | null;
  hasAccount: boolean;
  /** Bookings with the coach (expired holds left out). */
  bookings: number;
  /** Orders that were paid (refunded ones included). */
  orders: number;
  /** Downloads and courses they still have access to. */
  activeEntitlements: number;
  lastActivityAt: Date;
};

// Everything a person did, keyed by their (lowercased) email: the coach's bookings, orders she may
// see (shop orders and her own bookings' orders) and entitlements with their last download.
const ACTIVITY = `
  SELECT lower(b.client_email) AS email, 'booking' AS kind, b.created_at AS at, b.client_name AS name, (b.status <> 'EXPIRED') AS counts
    FROM bookings b WHERE b.coach_id = $1
  UNION ALL
  SELECT lower(o.email), 'order', o.created_at, NULL, o.status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')
    FROM orders o
   WHERE NOT EXISTS (SELECT 1 FROM order_items i JOIN bookings ob ON ob.id = i.booking_id WHERE i.order_id = o.id AND ob.coach_id <> $1)
  UNION ALL
  SELECT lower(e.email), 'entitlement', GREATEST(e.created_at, COALESCE(e.last_download_at, e.created_at)), NULL, e.status = 'ACTIVE'
    FROM entitlements e`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The coach's customers: everyone who booked her, ordered or holds a purchase, one row per email
 * address, most recently active first, with counts and whether they have an account.
 */
export async function listCustomers(options: { db: DbOrTx; actor: CurrentUser | null; filters?: CustomerFilters }) {
  const { db, actor } = options;
  assertCoach(actor);
  const { search, page: asked } = parseInput(filters, options.filters ?? {}, "Those filters need another look.");
  const pattern = search ? `%${escapeLike(search)}%` : null;
  const grouped = `
    SELECT a.email,
           (array_agg(a.name ORDER BY a.at DESC) FILTER (WHERE a.name IS NOT NULL))[1] AS booked_name,
           count(*) FILTER (WHERE a.kind = 'booking' AND a.counts)::int AS bookings,
           count(*) FILTER (WHERE a.kind = 'order' AND a.counts)::int AS orders,
           count(*) FILTER (WHERE a.kind = 'entitlement' AND a.counts)::int AS active_entitlements,
           max(a.at) AS last_activity_at
      FROM (${ACTIVITY}) a
     GROUP BY a.email
    HAVING $2::text IS NULL OR a.email ILIKE $2 OR bool_or(a.name ILIKE $2)`;
  const [{ total }] = await queryRows<{ total: number }>(db, `SELECT count(*)::int AS total FROM (${grouped}) g`, [actor.id, pattern]);
  const pageCount = Math.max(1, Math.ceil(total / CUSTOMERS_PAGE_SIZE));
  const page = Math.min(asked, pageCount);
  const rows = await queryRows<{
    email: string;
    booked_name: string | null;
    user_name: string | null;
    has_account: boolean;
    bookings: number;
    orders: number;
    active_entitlements: number;
    last_activity_at: Date;
  }>(
    db,
    `SELECT g.*, u.name AS user_name, (u.id IS NOT NULL) AS has_account
       FROM (${grouped}) g
       LEFT JOIN users u ON lower(u.email) = g.email
      ORDER BY g.last_activity_at DESC, g.email ASC
      LIMIT $3 OFFSET $4`,
    [actor.id, pattern, CUSTOMERS_PAGE_SIZE, (page - 1) * CUSTOMERS_PAGE_SIZE],
  );
  const customers: CustomerRow[] = rows.map((row) => ({
    email: row.email,
    name: row.booked_name ?? row.user_name,
    hasAccount: row.has_account,
    bookings: row.bookings,
    orders: row.orders,
    activeEntitlements: row.active_entitlements,
    lastActivityAt: new Date(row.last_activity_at),
  }));
  return { customers, page, pageCount, total, timeZone: await getCoachTimeZone(db, actor.id), filters: { search, page } };
}
