import { z } from "zod";
import { idInput, parseInput } from "../admin/parse-input";
import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { lockAvailability } from "./lock-availability";

const input = z.object({ id: idInput });

/** Deletes one of the coach's time-off ranges; its hours become bookable again at once. */
export async function removeTimeOff(options: { db: Db; actor: CurrentUser | null; id: string }) {
  const { db, actor } = options;
  assertCoach(actor);
  const { id } = parseInput(input, { id: options.id });

  return db.$transaction(async (tx) => {
    await lockAvailability(tx, actor.id);
    const timeOff = await tx.timeOff.findFirst({ where: { id, coachId: actor.id }, select: { id: true, startsAt: true, endsAt: true, note: true } });
    if (!timeOff) throw new NotFoundError("That time off was not found. It may have been removed already.", "time_off_not_found");
    await tx.timeOff.delete({ where: { id: timeOff.id } });
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "availability.time_off_removed",
        entityType: "time_off",
        entityId: timeOff.id,
        data: { startsAt: timeOff.startsAt.toISOString(), endsAt: timeOff.endsAt.toISOString(), note: timeOff.note },
      },
    });
    return { removed: timeOff };
  });
}
