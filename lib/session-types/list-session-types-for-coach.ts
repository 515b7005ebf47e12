import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";

/** All of the coach's session types, active and inactive, in her order, with upcoming bookings counted. */
export async function listSessionTypesForCoach(options: { db: DbOrTx; actor: CurrentUser | null; now?: Date }) {
  const { db, actor } = options;
  assertCoach(actor);
  const now = options.now ?? new Date();
  const rows = await db.sessionType.findMany({
    where: { coachId: actor.id },
    orderBy: [{ active: "desc" }, { position: "asc" }, { title: "asc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      durationMinutes: true,
      priceCents: true,
      currency: true,
      active: true,
      _count: { select: { bookings: { where: { status: { in: ["HELD", "CONFIRMED"] }, startsAt: { gt: now } } } } },
    },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, upcomingBookings: _count.bookings }));
}
