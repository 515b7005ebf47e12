import type { DbOrTx } from "../db/client";
import { NotFoundError } from "../errors";
import { sessionTypeSelect, type SessionTypeRow } from "./booking-data";

/** An active session type by its slug; a NotFoundError for an unknown or paused one. */
export async function findBookableSessionType(options: { db: DbOrTx; slug: string }): Promise<SessionTypeRow> {
  const sessionType = await options.db.sessionType.findUnique({ where: { slug: options.slug }, select: sessionTypeSelect });
  if (!sessionType?.active) throw sessionTypeNotFound();
  return sessionType;
}

/** The answer for an unknown or paused session type, the same wherever it is asked for. */
export function sessionTypeNotFound(): NotFoundError {
  return new NotFoundError(
    "We couldn't find that kind of session. It may have been renamed or paused; the booking page lists the sessions you can book now.",
    "session_type_not_found",
  );
}
