import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";
import { DEFAULT_COACH_TIME_ZONE } from "./coach-time-zone";
import { isValidTimeZone } from "./zone";

/**
 * The zone to show a signed-in person their own dates in (a purchase, a refund): the zone saved on
 * their account, else the one they chose for their most recent booking, else the coach's, so a
 * purchase made late in the evening is dated the day the buyer made it. A stored name the runtime
 * doesn't know is skipped rather than breaking the page.
 */
export async function getClientTimeZone(options: { db: DbOrTx; user: Pick<CurrentUser, "id" | "email"> }): Promise<string> {
  const { db, user } = options;
  const account = await db.user.findUnique({ where: { id: user.id }, select: { timeZone: true } });
  if (account?.timeZone && isValidTimeZone(account.timeZone)) return account.timeZone;

  const booking = await db.booking.findFirst({
    where: { clientEmail: user.email.toLowerCase() },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { clientTimeZone: true },
  });
  if (booking && isValidTimeZone(booking.clientTimeZone)) return booking.clientTimeZone;

  // A solo practice: the first coach's settings (tests may add more coaches; the seeded one came first).
  const settings = await db.coachSettings.findFirst({
    where: { coach: { role: "COACH" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { timeZone: true },
  });
  return settings && isValidTimeZone(settings.timeZone) ? settings.timeZone : DEFAULT_COACH_TIME_ZONE;
}
