import type { DbOrTx } from "../db/client";

/** The zone the coach's own screens use until she has chosen one. */
export const DEFAULT_COACH_TIME_ZONE = "Europe/London";

/** The coach's time zone (her CoachSettings), in which her back office shows every time. */
export async function getCoachTimeZone(db: DbOrTx, coachId: string): Promise<string> {
  const settings = await db.coachSettings.findUnique({ where: { coachId }, select: { timeZone: true } });
  return settings?.timeZone ?? DEFAULT_COACH_TIME_ZONE;
}
