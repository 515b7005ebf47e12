import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { DbOrTx } from "../../db/client";
import { NotFoundError } from "../../errors";
import { paymentSummaryFields } from "../../payments/payment-summary";
import { getCoachTimeZone } from "../../time/coach-time-zone";
import { coachOrderScope } from "../orders/order-scope";
import { parseInput, storableText } from "../parse-input";

const key = storableText.trim().min(1).max(320);

/**
 * One customer, by email address or by the id of their account: their bookings with the coach, the
 * orders she may see and every purchase's access, newest first. NotFoundError when there is no
 * such person or nothing to show.
 */
export async function getCustomer(options: { db: DbOrTx; actor: CurrentUser | null; key: string }) {
  const { db, actor } = options;
  assertCoach(actor);
  const given = parseInput(key, options.key);
  let email = given.toLowerCase();
  let user = await db.user.findFirst({
    where: given.includes("@") ? { email: { equals: email, mode: "insensitive" } } : { id: given },
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
  if (!given.includes("@")) {
    if (!user) throw new NotFoundError("That customer was not found.", "customer_not_found");
    email = user.email.toLowerCase();
  }
  if (user && user.email.toLowerCase() !== email) user = null;

  const [bookings, orders, entitlements, timeZone] = await Promise.all([
    db.booking.findMany({
      where: { coachId: actor.id, clientEmail: { equals: email, mode: "insensitive" } },
      orderBy: [{ startsAt: "desc" }, { id: "desc" }],
      take: 200,
      select: {
        id: true,
        clientName: true,
        status: true,
        startsAt: true,
        endsAt: true,
        holdExpiresAt: true,
        createdAt: true,
        sessionType: { select: { title: true } },
        orderItem: { select: { order: { select: { id: true, ...paymentSummaryFields } } } },
      },
    }),
    db.order.findMany({
      where: { AND: [{ email: { equals: email, mode: "insensitive" } }, coachOrderScope(actor.id)] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 200,
      select: {
        id: true,
        ...paymentSummaryFields,
        createdAt: true,
        items: { orderBy: { id: "asc" }, select: { id: true, kind: true, title: true } },
      },
    }),
    db.entitlement.findMany({
      where: { email: { equals: email, mode: "insensitive" } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 200,
      select: {
        id: true,
        status: true,
        revokedAt: true,
        revokeReason: true,
        downloadCount: true,
        lastDownloadAt: true,
        createdAt: true,
        product: { select: { id: true, title: true, kind: true } },
        orderItem: { select: { orderId: true } },
      },
    }),
    getCoachTimeZone(db, actor.id),
  ]);
  if (!user && bookings.length === 0 && orders.length === 0 && entitlements.length === 0) {
    throw new NotFoundError("That customer was not found.", "customer_not_found");
  }
  const name = bookings[0]?.clientName ?? user?.name ?? null;
  return { email, name, user, bookings, orders, entitlements, timeZone };
}

export type Customer = Awaited<ReturnType<typeof getCustomer>>;
