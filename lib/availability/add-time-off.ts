import { z } from "zod";
import { parseInput } from "../admin/parse-input";
import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { Db } from "../db/client";
import { InvalidInputError } from "../errors";
import { getCoachTimeZone } from "../time/coach-time-zone";
import { isCalendarDate, wallClockToInstant } from "../time/zone";
import { lockAvailability } from "./lock-availability";

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;
const MAX_DAYS = 366;

/** "2026-03-29T09:30" (what a datetime-local input sends) as a date and a minute of that day. */
export function parseLocalDateTime(value: string): { date: string; minute: number } | undefined {
  const match = LOCAL_DATE_TIME.exec(value.trim().slice(0, 16));
  if (!match || !isCalendarDate(match[1])) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 23 || minutes > 59) return undefined;
  return { date: match[1], minute: hours * 60 + minutes };
}

const localDateTime = (what: string) =>
  z.string({ error: `Enter the ${what} date and time.` }).refine((value) => parseLocalDateTime(value) !== undefined, `Enter the ${what} as a date and time, for example 2026-03-23 09:00.`);

const input = z.object({
  start: localDateTime("start"),
  end: localDateTime("end"),
  note: z.string().trim().max(200, "Keep the note under 200 characters.").optional(),
});

/**
 * Blocks a stretch of time (a holiday, an appointment) that no one can book. `start` and `end` are
 * wall-clock times on the coach's clock ("2026-03-29T09:30", her CoachSettings zone), stored as the
 * instants they name then; a time skipped when the clocks go forward means the moment of the jump.
 * Existing bookings inside it are not touched: the answer says how many there are.
 */
export async function addTimeOff(options: { db: Db; actor: CurrentUser | null; start: string; end: string; note?: string | null; now?: Date }) {
  const { db, actor } = options;
  assertCoach(actor);
  const parsed = parseInput(input, { start: options.start, end: options.end, note: options.note ?? undefined }, "That time off needs another look.");
  const now = options.now ?? new Date();

  return db.$transaction(async (tx) => {
    await lockAvailability(tx, actor.id);
    const timeZone = await getCoachTimeZone(tx, actor.id);
    const start = parseLocalDateTime(parsed.start)!;
    const end = parseLocalDateTime(parsed.end)!;
    const startsAt = new Date(wallClockToInstant(start.date, start.minute, timeZone));
    const endsAt = new Date(wallClockToInstant(end.date, end.minute, timeZone));
    const problems: Record<string, string> = {};
    if (endsAt <= startsAt) problems.end = "The end must be later than the start.";
    else if (endsAt.getTime() - startsAt.getTime() > MAX_DAYS * 86_400_000) problems.end = `Add time off of at most ${MAX_DAYS} days at once.`;
    else if (endsAt <= now) problems.end = "That time has already passed. Choose an end in the future.";
    if (Object.keys(problems).length) {
      throw new InvalidInputError("That time off needs another look.", problems);
    }
    const note = parsed.note ? parsed.note : null;
    const timeOff = await tx.timeOff.create({
      data: { coachId: actor.id, startsAt, endsAt, note },
      select: { id: true, startsAt: true, endsAt: true, note: true },
    });
    const overlappingBookings = await tx.booking.count({
      where: { coachId: actor.id, status: { in: ["HELD", "CONFIRMED"] }, startsAt: { lt: endsAt }, endsAt: { gt: startsAt } },
    });
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "availability.time_off_added",
        entityType: "time_off",
        entityId: timeOff.id,
        data: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), note, timeZone },
      },
    });
    return { timeOff, timeZone, overlappingBookings };
  });
}
