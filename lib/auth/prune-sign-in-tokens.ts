import type { Db } from "../db/client";

/**
 * Deletes sign-in tokens that expired more than a day ago. Used ones are deleted by next-auth at
 * sign-in; unused ones would otherwise stay forever. The day's grace keeps a just-expired row for
 * next-auth's "link expired" answer instead of "link invalid".
 */
export async function pruneSignInTokens(db: Db, now: Date = new Date()): Promise<number> {
  const { count } = await db.verificationToken.deleteMany({ where: { expires: { lt: new Date(now.getTime() - 24 * 3_600_000) } } });
  return count;
}
