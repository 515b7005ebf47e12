import { idInput, parseInput } from "../admin/parse-input";
import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { slugConflict, sessionTypeFields } from "./session-type-fields";
import { assignQuestionIds, sessionTypeInput, type SessionTypeInput } from "./session-type-input";


/**
 * Saves every field of one of the coach's session types. Deactivating (active: false) takes it off
 * the booking pages at once and keeps its bookings; there is no delete. Bookings already made keep
 * their own times and price. Questions keep their ids, so earlier answers stay readable.
 */
export async function updateSessionType(options: { db: Db; actor: CurrentUser | null; id: string; input: SessionTypeInput }) {
  const { db, actor } = options;
  assertCoach(actor);
  const sessionTypeId = parseInput(idInput, options.id);
  const { intakeQuestions, ...fields } = parseInput(sessionTypeInput, options.input, "Some details of the session type need another look.");
  const questions = assignQuestionIds(intakeQuestions);

  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.sessionType.findFirst({ where: { id: sessionTypeId, coachId: actor.id }, select: sessionTypeFields });
      if (!before) throw new NotFoundError("That session type was not found.", "session_type_not_found");
      const updated = await tx.sessionType.update({
        where: { id: sessionTypeId, coachId: actor.id },
        data: { ...fields, intakeQuestions: questions },
        select: sessionTypeFields,
      });
      const changed = Object.fromEntries(
        Object.entries({ ...fields, intakeQuestions: questions }).filter(([key, value]) => JSON.stringify(before[key as keyof typeof before]) !== JSON.stringify(value)),
      );
      await tx.auditLog.create({
        data: {
          actorId: actor.id,
          action: before.active && !fields.active ? "session_type.deactivated" : !before.active && fields.active ? "session_type.reactivated" : "session_type.updated",
          entityType: "session_type",
          entityId: sessionTypeId,
          data: { changed },
        },
      });
      return updated;
    });
  } catch (error) {
    throw slugConflict(error, fields.slug) ?? error;
  }
}
