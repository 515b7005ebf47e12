import { parseInput } from "../admin/parse-input";
import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { Db } from "../db/client";
import { slugConflict, sessionTypeFields } from "./session-type-fields";
import { assignQuestionIds, sessionTypeInput, type SessionTypeInput } from "./session-type-input";

/**
 * A new session type for the coach, listed after her others. Bookable at once when active. A slug
 * already in use is a ConflictError with a `slug` field error (the database's unique key decides,
 * so two tabs saving the same slug cannot both succeed).
 */
export async function createSessionType(options: { db: Db; actor: CurrentUser | null; input: SessionTypeInput }) {
  const { db, actor } = options;
  assertCoach(actor);
  const { intakeQuestions, ...fields } = parseInput(sessionTypeInput, options.input, "Some details of the session type need another look.");
  const questions = assignQuestionIds(intakeQuestions);

  try {
    return await db.$transaction(async (tx) => {
      const { _max } = await tx.sessionType.aggregate({ where: { coachId: actor.id }, _max: { position: true } });
      const created = await tx.sessionType.create({
        data: { ...fields, intakeQuestions: questions, coachId: actor.id, position: (_max.position ?? 0) + 1 },
        select: sessionTypeFields,
      });
      await tx.auditLog.create({
        data: { actorId: actor.id, action: "session_type.created", entityType: "session_type", entityId: created.id, data: { ...fields, intakeQuestions: questions } },
      });
      return created;
    });
  } catch (error) {
    throw slugConflict(error, fields.slug) ?? error;
  }
}
