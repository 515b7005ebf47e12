import { assertCoach } from "../../auth/guards";
import type { CurrentUser } from "../../auth/current-user";
import type { DbOrTx } from "../../db/client";
import { CURRENCIES } from "../../session-types/limits";

/** The coach's currency (the cart sells in it): her settings', GBP when unset. */
export async function getShopCurrency(options: { db: DbOrTx; actor: CurrentUser | null }): Promise<(typeof CURRENCIES)[number]> {
  const { db, actor } = options;
  assertCoach(actor);
  const settings = await db.coachSettings.findUnique({ where: { coachId: actor.id }, select: { currency: true } });
  return CURRENCIES.find((code) => code === settings?.currency) ?? "GBP";
}
