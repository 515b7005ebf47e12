import { z } from "zod";
import { parseInput } from "../admin/parse-input";
import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";
import type { MinuteInterval } from "../scheduling/types";
import { getCoachTimeZone } from "../time/coach-time-zone";
import { addDays, calendarDateInZone, isoWeekday, wallClockToInstant, type CalendarDate } from "../time/zone";
import { minuteInterval } from "./interval-schemas";
import { sortIntervals } from "./intervals";
import { calendarDate, dateColumn, fromDateColumn } from "./set-date-override";

/** The longest window one call reads (the calendar asks for a week). */
export const MAX_EDITOR_DAYS = 62;
const UPCOMING_LIMIT = 100;

const input = z
  .object({ from: calendarDate, to: calendarDate })
  .refine(({ from, to }) => from <= to, { path: ["to"], message: "The last date must not be before the first." })
  .refine(({ from, to }) => addDays(from, MAX_EDITOR_DAYS - 1) >= to, { path: ["to"], message: `Ask for at most ${MAX_EDITOR_DAYS} days at once.` });

const storedIntervals = z.array(minuteInterval);

/** An override's intervals as stored (JSON): anything malformed is left out rather than shown wrong. */
export function readOverrideIntervals(value: unknown): MinuteInterval[] {
  const parsed = storedIntervals.safeParse(value);
  return parsed.success ? sortIntervals(parsed.data.filter((i) => i.endMinute > i.startMinute)) : [];
}

export type EditorDay = {
  date: CalendarDate;
  weekday: number;
  /** Where the day's hours come from: the weekly hours, or an override for just this date. */
  source: "weekly" | "override";
  /** Wall-clock minutes in the coach's zone; empty = no hours (closed, if source is "override"). */
  intervals: MinuteInterval[];
};

/**
 * Everything the availability screens show for the dates from..to (inclusive, the coach's calendar
 * dates): the weekly hours, each date's effective hours and whether an override set them, time off
 * and live bookings (HELD with an unexpired hold, CONFIRMED) touching those dates, plus the
 * upcoming overrides and time off for the lists below the calendar. Rules and overrides are
 * wall-clock minutes in `timeZone`; time off and bookings are instants.
 */
export async function getAvailabilityEditorData(options: { db: DbOrTx; actor: CurrentUser | null; from: CalendarDate; to: CalendarDate; now?: Date }) {
  const { db, actor } = options;
  assertCoach(actor);
  const { from, to } = parseInput(input, { from: options.from, to: options.to }, "Those dates need another look.");
  const now = options.now ?? new Date();
  const timeZone = await getCoachTimeZone(db, actor.id);
  const windowStart = new Date(wallClockToInstant(from, 0, timeZone));
  const windowEnd = new Date(wallClockToInstant(addDays(to, 1), 0, timeZone));
  const today = calendarDateInZone(now, timeZone);

  const [rules, overrides, timeOff, bookings, upcomingOverrides, upcomingTimeOff] = await Promise.all([
    db.availabilityRule.findMany({
      where: { coachId: actor.id },
      orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
      select: { id: true, weekday: true, startMinute: true, endMinute: true },
    }),
    db.availabilityOverride.findMany({
      where: { coachId: actor.id, date: { gte: dateColumn(from), lte: dateColumn(to) } },
      select: { date: true, intervals: true },
    }),
    db.timeOff.findMany({
      where: { coachId: actor.id, startsAt: { lt: windowEnd }, endsAt: { gt: windowStart } },
      orderBy: { startsAt: "asc" },
      select: { id: true, startsAt: true, endsAt: true, note: true },
    }),
    db.booking.findMany({
      where: {
        coachId: actor.id,
        startsAt: { lt: windowEnd },
        endsAt: { gt: windowStart },
        OR: [{ status: "CONFIRMED" }, { status: "HELD", holdExpiresAt: { gt: now } }],
      },
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        status: true,
        startsAt: true,
        endsAt: true,
        clientName: true,
        clientTimeZone: true,
        sessionType: { select: { title: true } },
      },
    }),
    db.availabilityOverride.findMany({
      where: { coachId: actor.id, date: { gte: dateColumn(today) } },
      orderBy: { date: "asc" },
      take: UPCOMING_LIMIT,
      select: { date: true, intervals: true },
    }),
    db.timeOff.findMany({
      where: { coachId: actor.id, endsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      take: UPCOMING_LIMIT,
      select: { id: true, startsAt: true, endsAt: true, note: true },
    }),
  ]);

  const weeklyRules = rules.map(({ id, weekday, startMinute, endMinute }) => ({ id, weekday, startMinute, endMinute }));
  const overrideByDate = new Map(overrides.map((o) => [fromDateColumn(o.date), readOverrideIntervals(o.intervals)]));
  const days: EditorDay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const weekday = isoWeekday(date);
    const override = overrideByDate.get(date);
    days.push(
      override
        ? { date, weekday, source: "override", intervals: override }
        : {
            date,
            weekday,
            source: "weekly",
            intervals: weeklyRules.filter((rule) => rule.weekday === weekday).map(({ startMinute, endMinute }) => ({ startMinute, endMinute })),
          },
    );
  }

  return {
    timeZone,
    today,
    from,
    to,
    weeklyRules,
    days,
    timeOff,
    bookings: bookings.map(({ sessionType, ...booking }) => ({ ...booking, sessionTitle: sessionType.title })),
    upcoming: {
      overrides: upcomingOverrides.map((o) => ({ date: fromDateColumn(o.date), intervals: readOverrideIntervals(o.intervals) })),
      timeOff: upcomingTimeOff,
    },
  };
}

export type AvailabilityEditorData = Awaited<ReturnType<typeof getAvailabilityEditorData>>;
