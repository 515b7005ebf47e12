import { z } from "zod";
import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { calendarDate } from "../availability/set-date-override";
import { getCoachTimeZone } from "../time/coach-time-zone";
import { addDays, wallClockToInstant } from "../time/zone";
import { coachBookingFields } from "./booking-fields";
import { parseInput, storableText } from "./parse-input";

export const BOOKINGS_PAGE_SIZE = 25;
export const BOOKING_STATUSES = ["HELD", "CONFIRMED", "CANCELLED", "EXPIRED", "COMPLETED", "NO_SHOW"] as const;

export const bookingFilters = z.object({
  /** upcoming: not yet over (soonest first); past: over (most recent first). */
  scope: z.enum(["upcoming", "past"]).default("upcoming"),
  status: z.enum(BOOKING_STATUSES).optional(),
  /** The coach's calendar dates, inclusive, in her zone. */
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  /** Part of the client's name or email address. */
  search: storableText.trim().max(200, "Search for at most 200 characters.").optional(),
  page: z.number().int().min(1).default(1),
}).refine(({ from, to }) => !from || !to || from <= to, { path: ["to"], message: "The last date must not be before the first." });

export type BookingFilters = z.input<typeof bookingFilters>;

/**
 * One page of the coach's bookings with filters. Dates are the coach's calendar dates (her zone);
 * a booking is in the range when it starts on one of them. A page past the end shows the last one.
 */
export async function listBookingsForCoach(options: { db: DbOrTx; actor: CurrentUser | null; filters?: BookingFilters; now?: Date }) {
  const { db, actor } = options;
  assertCoach(actor);
  const filters = parseInput(bookingFilters, options.filters ?? {}, "Those filters need another look.");
  const now = options.now ?? new Date();
  const timeZone = await getCoachTimeZone(db, actor.id);

  const startsAt: Prisma.DateTimeFilter = {};
  if (filters.from) startsAt.gte = new Date(wallClockToInstant(filters.from, 0, timeZone));
  if (filters.to) startsAt.lt = new Date(wallClockToInstant(addDays(filters.to, 1), 0, timeZone));
  const where: Prisma.BookingWhereInput = {
    coachId: actor.id,
    ...(filters.scope === "upcoming" ? { endsAt: { gt: now } } : { endsAt: { lte: now } }),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.from || filters.to ? { startsAt } : {}),
    ...(filters.search
      ? { OR: [{ clientName: { contains: filters.search, mode: "insensitive" } }, { clientEmail: { contains: filters.search, mode: "insensitive" } }] }
      : {}),
  };
  const total = await db.booking.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / BOOKINGS_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const order = filters.scope === "upcoming" ? "asc" : "desc";
  const bookings = await db.booking.findMany({
    where,
    orderBy: [{ startsAt: order }, { id: order }],
    skip: (page - 1) * BOOKINGS_PAGE_SIZE,
    take: BOOKINGS_PAGE_SIZE,
    select: coachBookingFields,
  });
  return { bookings, page, pageCount, total, timeZone, filters: { ...filters, page } };
}
