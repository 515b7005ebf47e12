import { z } from "zod";
import { parseInput } from "../admin/parse-input";
import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { Db } from "../db/client";
import type { MinuteInterval } from "../scheduling/types";
import { getCoachTimeZone } from "../time/coach-time-zone";
import { isSupportedDate } from "../time/supported-range";
import type { CalendarDate } from "../time/zone";
import { dayIntervals } from "./interval-schemas";
import { sortIntervals } from "./intervals";
import { lockAvailability } from "./lock-availability";

export const calendarDate = z.string().refine(isSupportedDate, "Enter a date, for example 2026-03-23.");

const input = z.object({ date: calendarDate, intervals: dayIntervals.nullable() });

/** A calendar date as the value Prisma stores in a DATE column. */
export function dateColumn(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** A DATE column's value back as "YYYY-MM-DD". */
export function fromDateColumn(value: Date): CalendarDate {
  return value.toISOString().slice(0, 10);
}

/**
 * One of the coach's calendar dates, in her zone: `intervals` replaces that date's weekly hours
 * (an empty list: closed all day, "a day off"); `null` removes the override, so the weekly hours
 * apply again.
 */
export async function setDateOverride(options: { db: Db; actor: CurrentUser | null; date: CalendarDate; intervals: readonly MinuteInterval[] | null }) {
  const { db, actor } = options;
  assertCoach(actor);
  const { date, intervals } = parseInput(input, { date: options.date, intervals: options.intervals }, "That date's hours need another look.");
  const sorted = intervals === null ? null : sortIntervals(intervals);

  return db.$transaction(async (tx) => {
    await lockAvailability(tx, actor.id);
    const where = { coachId_date: { coachId: actor.id, date: dateColumn(date) } };
    const existing = await tx.availabilityOverride.findUnique({ where, select: { intervals: true } });
    if (sorted === null) {
      if (existing) await tx.availabilityOverride.delete({ where });
    } else {
      await tx.availabilityOverride.upsert({
        where,
        create: { coachId: actor.id, date: dateColumn(date), intervals: sorted },
        update: { intervals: sorted },
      });
    }
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: sorted === null ? "availability.date_override_removed" : sorted.length === 0 ? "availability.day_off_set" : "availability.date_override_set",
        entityType: "coach_availability",
        entityId: actor.id,
        data: { date, timeZone: await getCoachTimeZone(tx, actor.id), before: existing?.intervals ?? null, after: sorted },
      },
    });
    return { date, intervals: sorted };
  });
}
