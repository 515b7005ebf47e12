import { z } from "zod";
import { parseInput } from "../admin/parse-input";
import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { Db } from "../db/client";
import type { MinuteInterval } from "../scheduling/types";
import { getCoachTimeZone } from "../time/coach-time-zone";
import { dayIntervals } from "./interval-schemas";
import { sortIntervals } from "./intervals";
import { lockAvailability } from "./lock-availability";

const input = z.object({
  weekday: z.number().int().min(1, "Choose a weekday.").max(7, "Choose a weekday."),
  intervals: dayIntervals,
});

/**
 * Replaces all of one weekday's weekly hours at once (an empty list: no weekly hours that day).
 * Intervals are wall-clock minutes in the coach's zone (CoachSettings.timeZone), stored with that
 * zone, so 09:00 stays 09:00 on both sides of a daylight-saving change.
 */
export async function setWeeklyRules(options: { db: Db; actor: CurrentUser | null; weekday: number; intervals: readonly MinuteInterval[] }) {
  const { db, actor } = options;
  assertCoach(actor);
  const { weekday, intervals } = parseInput(input, { weekday: options.weekday, intervals: options.intervals }, "Those hours need another look.");
  const sorted = sortIntervals(intervals);

  return db.$transaction(async (tx) => {
    await lockAvailability(tx, actor.id);
    const timeZone = await getCoachTimeZone(tx, actor.id);
    const before = await tx.availabilityRule.findMany({
      where: { coachId: actor.id, weekday },
      orderBy: { startMinute: "asc" },
      select: { startMinute: true, endMinute: true },
    });
    await tx.availabilityRule.deleteMany({ where: { coachId: actor.id, weekday } });
    await tx.availabilityRule.createMany({
      data: sorted.map(({ startMinute, endMinute }) => ({ coachId: actor.id, weekday, startMinute, endMinute, timeZone })),
    });
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "availability.weekly_hours_set",
        entityType: "coach_availability",
        entityId: actor.id,
        data: { weekday, timeZone, before, after: sorted },
      },
    });
    const rules = await tx.availabilityRule.findMany({
      where: { coachId: actor.id, weekday },
      orderBy: { startMinute: "asc" },
      select: { id: true, weekday: true, startMinute: true, endMinute: true, timeZone: true },
    });
    return { weekday, timeZone, rules };
  });
}
