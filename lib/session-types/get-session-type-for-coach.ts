import { idInput, parseInput } from "../admin/parse-input";
import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";
import { parseIntakeQuestions } from "../catalogue/intake-questions";
import { NotFoundError } from "../errors";
import { sessionTypeFields } from "./session-type-fields";

/** One of the coach's session types with every field the edit form shows; NotFoundError otherwise. */
export async function getSessionTypeForCoach(options: { db: DbOrTx; actor: CurrentUser | null; id: string }) {
  const { db, actor } = options;
  assertCoach(actor);
  const sessionTypeId = parseInput(idInput, options.id);
  const row = await db.sessionType.findFirst({ where: { id: sessionTypeId, coachId: actor.id }, select: sessionTypeFields });
  if (!row) throw new NotFoundError("That session type was not found.", "session_type_not_found");
  return { ...row, intakeQuestions: parseIntakeQuestions(row.intakeQuestions) };
}
