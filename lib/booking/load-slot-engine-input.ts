import type { DbOrTx } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { BusyInterval, DateOverride, SlotEngineInput, WeeklyRule } from "../scheduling/types";
import { calendarDateInZone } from "../time/zone";
import type { CoachProfile, SessionTypeRow } from "./booking-data";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// Everything that can matter to a start in the window lies within two days of it: a buffer, a
// time-off range reaching in, and every booking on the coach's calendar dates the window touches
// (counted for the daily cap; a date lasts at most 25 hours).
const PAD_MS = 2 * DAY_MS;

/**
 * The slot engine's input for one session type, read fresh from the database, covering starts in
 * [from, to) (clamped to notice and horizon). Busy time is every booking that holds its time: HELD
 * with an unexpired hold, CONFIRMED, and sessions already COMPLETED or NO_SHOW (they count toward
 * the daily cap). `excludeBookingId` leaves one booking out, so a booking being moved does not
 * block its own new time.
 */
export async function loadSlotEngineInput(options: {
  db: DbOrTx;
  sessionType: SessionTypeRow;
  coach: CoachProfile;
  from: Date;
  to: Date;
  now: Date;
  excludeBookingId?: string;
}): Promise<SlotEngineInput> {
  const { db, sessionType, coach, now } = options;
  const windowStart = Math.max(options.from.getTime(), now.getTime() + sessionType.minimumNoticeMinutes * MINUTE_MS);
  const windowEnd = Math.min(options.to.getTime(), now.getTime() + sessionType.horizonDays * DAY_MS);
  const loadFrom = new Date(Math.min(windowStart, windowEnd) - PAD_MS);
  const loadUntil = new Date(Math.max(windowStart, windowEnd) + PAD_MS);

  // One round trip for everything the engine needs: this runs on every availability request and
  // inside every booking transaction, and each extra query costs more in the client than in PostgreSQL.
  const [row] = await db.$queryRaw<[ScheduleRow]>`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('weekday', weekday, 'startMinute', start_minute, 'endMinute', end_minute)), '[]')
         FROM availability_rules WHERE coach_id = ${coach.id}) AS "weeklyRules",
      (SELECT coalesce(json_agg(json_build_object('date', to_char(date, 'YYYY-MM-DD'), 'intervals', intervals)), '[]')
         FROM availability_overrides
        WHERE coach_id = ${coach.id}
          AND date BETWEEN ${calendarDateInZone(loadFrom, coach.timeZone)}::date AND ${calendarDateInZone(loadUntil, coach.timeZone)}::date) AS "overrides",
      (SELECT coalesce(json_agg(json_build_array(${epochMs("starts_at")}, ${epochMs("ends_at")})), '[]')
         FROM time_off WHERE coach_id = ${coach.id} AND starts_at < ${loadUntil} AND ends_at > ${loadFrom}) AS "timeOff",
      (SELECT coalesce(json_agg(json_build_array(${epochMs("blocked_from")}, ${epochMs("blocked_until")}, ${epochMs("starts_at")}, session_type_id)), '[]')
         FROM bookings
        WHERE coach_id = ${coach.id}
          AND blocked_from < ${loadUntil} AND blocked_until > ${loadFrom}
          AND (status IN ('CONFIRMED', 'COMPLETED', 'NO_SHOW') OR (status = 'HELD' AND hold_expires_at > ${now}))
          AND id <> ${options.excludeBookingId ?? ""}) AS "bookings"`;

  const capped = sessionType.maxPerDay !== null;
  return {
    coachTimeZone: coach.timeZone,
    weeklyRules: row.weeklyRules,
    overrides: row.overrides,
    timeOff: row.timeOff.map(([start, end]) => ({ start, end })),
    busy: row.bookings.map(
      ([start, end, sessionStart, sessionTypeId]): BusyInterval =>
        capped && sessionTypeId === sessionType.id ? { start, end, countsTowardDailyCap: true, sessionStart } : { start, end },
    ),
    session: {
      durationMinutes: sessionType.durationMinutes,
      bufferBeforeMinutes: sessionType.bufferBeforeMinutes,
      bufferAfterMinutes: sessionType.bufferAfterMinutes,
      minimumNoticeMinutes: sessionType.minimumNoticeMinutes,
      horizonDays: sessionType.horizonDays,
      slotIntervalMinutes: sessionType.slotIntervalMinutes,
      maxPerDay: sessionType.maxPerDay,
    },
    now,
  };
}

type ScheduleRow = {
  weeklyRules: WeeklyRule[];
  overrides: DateOverride[];
  timeOff: [number, number][];
  bookings: [number, number, number, string][];
};

/** A timestamptz column as epoch milliseconds (what the engine works in), exact to the millisecond. */
function epochMs(column: string) {
  return Prisma.raw(`(extract(epoch from ${column}) * 1000)::bigint`);
}
