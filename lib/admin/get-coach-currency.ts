import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";
import { CURRENCIES } from "../session-types/limits";

/** The coach's currency (new prices and the cart use it): her settings', GBP when unset. */
export async function getCoachCurrency(options: { db: DbOrTx; actor: CurrentUser | null }): Promise<(typeof CURRENCIES)[number]> {
  const { db, actor } = options;
  assertCoach(actor);
  const settings = await db.coachSettings.findUnique({ where: { coachId: actor.id }, select: { currency: true } });
  return CURRENCIES.find((code) => code === settings?.currency) ?? "GBP";
}
