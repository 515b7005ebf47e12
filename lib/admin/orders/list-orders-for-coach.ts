import { z } from "zod";
import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { DbOrTx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { calendarDate } from "../../availability/set-date-override";
import { paymentSummaryFields } from "../../payments/payment-summary";
import { getCoachTimeZone } from "../../time/coach-time-zone";
import { addDays, wallClockToInstant } from "../../time/zone";
import { parseInput, storableText } from "../parse-input";
import { coachOrderScope, ORDER_STATUSES } from "./order-scope";

export const ORDERS_PAGE_SIZE = 25;

export const orderFilters = z
  .object({
    status: z.enum(ORDER_STATUSES).optional(),
    /** Part of the buyer's email address. */
    email: storableText.trim().max(200, "Search for at most 200 characters.").optional(),
    /** The coach's calendar dates, inclusive, in her zone; an order is in the range when it was placed on one of them. */
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    page: z.number().int().min(1).default(1),
  })
  .refine(({ from, to }) => !from || !to || from <= to, { path: ["to"], message: "The last date must not be before the first." });

export type OrderFilters = z.input<typeof orderFilters>;

/** One page of orders (shop and booking payments), newest first, with filters. A page past the end shows the last one. */
export async function listOrdersForCoach(options: { db: DbOrTx; actor: CurrentUser | null; filters?: OrderFilters }) {
  const { db, actor } = options;
  assertCoach(actor);
  const filters = parseInput(orderFilters, options.filters ?? {}, "Those filters need another look.");
  const timeZone = await getCoachTimeZone(db, actor.id);

  const createdAt: Prisma.DateTimeFilter = {};
  if (filters.from) createdAt.gte = new Date(wallClockToInstant(filters.from, 0, timeZone));
  if (filters.to) createdAt.lt = new Date(wallClockToInstant(addDays(filters.to, 1), 0, timeZone));
  const where: Prisma.OrderWhereInput = {
    AND: [
      coachOrderScope(actor.id),
      filters.status ? { status: filters.status } : {},
      filters.email ? { email: { contains: filters.email, mode: "insensitive" } } : {},
      filters.from || filters.to ? { createdAt } : {},
    ],
  };
  const total = await db.order.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const orders = await db.order.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * ORDERS_PAGE_SIZE,
    take: ORDERS_PAGE_SIZE,
    select: {
      id: true,
      email: true,
      ...paymentSummaryFields,
      createdAt: true,
      paidAt: true,
      items: { orderBy: { id: "asc" }, select: { id: true, kind: true, title: true, quantity: true } },
    },
  });
  return { orders, page, pageCount, total, timeZone, filters: { ...filters, page } };
}
