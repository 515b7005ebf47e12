import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { DbOrTx } from "../../db/client";
import { NotFoundError } from "../../errors";
import { getCoachTimeZone } from "../../time/coach-time-zone";
import { idInput, parseInput } from "../parse-input";
import { coachOrderScope } from "./order-scope";

/**
 * One order with everything the coach needs to answer a question about it: its items (with the
 * booking or product they are for and the access each gave), the payment, refunds and the coupon.
 */
export async function getOrderForCoach(options: { db: DbOrTx; actor: CurrentUser | null; id: string }) {
  const { db, actor } = options;
  assertCoach(actor);
  const orderId = parseInput(idInput, options.id);
  const [order, timeZone] = await Promise.all([
    db.order.findFirst({
      where: { AND: [{ id: orderId }, coachOrderScope(actor.id)] },
      select: {
        id: true,
        email: true,
        userId: true,
        status: true,
        currency: true,
        subtotalCents: true,
        discountCents: true,
        totalCents: true,
        refundedCents: true,
        provider: true,
        checkoutId: true,
        paymentIntentId: true,
        paidAt: true,
        closedAt: true,
        createdAt: true,
        coupon: { select: { code: true } },
        items: {
          orderBy: { id: "asc" },
          select: {
            id: true,
            kind: true,
            title: true,
            quantity: true,
            unitPriceCents: true,
            totalCents: true,
            booking: { select: { id: true, clientName: true, startsAt: true, status: true } },
            product: { select: { id: true, title: true, kind: true, slug: true } },
            entitlement: {
              select: { id: true, status: true, revokedAt: true, revokeReason: true, downloadCount: true, lastDownloadAt: true, createdAt: true },
            },
          },
        },
        refunds: {
          orderBy: { createdAt: "asc" },
          select: { id: true, amountCents: true, status: true, origin: true, reason: true, lastError: true, createdAt: true },
        },
      },
    }),
    getCoachTimeZone(db, actor.id),
  ]);
  if (!order) throw new NotFoundError("That order was not found.", "order_not_found");
  const hasAccess = order.items.some((item) => item.entitlement !== null);
  return { order, hasAccess, timeZone };
}

export type OrderForCoach = Awaited<ReturnType<typeof getOrderForCoach>>["order"];
