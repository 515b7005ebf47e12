import { queryRows, type DbOrTx } from "../db/client";
import type { DateOverride, WeeklyRule } from "../scheduling/types";

/** A session type's booking rules and public facts, as the schedule statement reads them. */
export type ScheduledSessionType = {
  id: string;
  coachId: string;
  slug: string;
  title: string;
  active: boolean;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  horizonDays: number;
  slotIntervalMinutes: number | null;
  maxPerDay: number | null;
  priceCents: number;
  currency: string;
  /** null until the coach saves her settings */
  coachTimeZone: string | null;
};

export type Schedule = {
  sessionType: ScheduledSessionType;
  weeklyRules: WeeklyRule[];
  overrides: DateOverride[];
  /** [start, end) in epoch ms */
  timeOff: [number, number][];
  /** [blockedFrom, blockedUntil, startsAt] in epoch ms, and the booking's session type id */
  bookings: [number, number, number, string][];
};

// A timestamptz column as epoch milliseconds (what the engine works in), exact to the millisecond.
const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint`;

// One statement for everything the slot engine needs about a session type's coach between $2 and
// $3. Overrides are matched by date with a day's margin either side, which covers every zone's
// offset without knowing the coach's zone first. Busy time is every booking that holds its time:
// HELD with an unexpired hold ($4 is now), CONFIRMED, and sessions that already took place (they
// count toward the daily cap). $5 leaves one booking out (a booking being moved).
const SCHEDULE_SQL = `
  WITH st AS (
    SELECT s.id, s.coach_id, s.slug, s.title, s.active, s.duration_minutes, s.buffer_before_minutes,
           s.buffer_after_minutes, s.minimum_notice_minutes, s.horizon_days, s.slot_interval_minutes,
           s.max_per_day, s.price_cents, s.currency, cs.time_zone
      FROM session_types s LEFT JOIN coach_settings cs ON cs.coach_id = s.coach_id
     WHERE s.slug = $1
  )
  SELECT
    json_build_object(
      'id', st.id, 'coachId', st.coach_id, 'slug', st.slug, 'title', st.title, 'active', st.active,
      'durationMinutes', st.duration_minutes, 'bufferBeforeMinutes', st.buffer_before_minutes,
      'bufferAfterMinutes', st.buffer_after_minutes, 'minimumNoticeMinutes', st.minimum_notice_minutes,
      'horizonDays', st.horizon_days, 'slotIntervalMinutes', st.slot_interval_minutes, 'maxPerDay', st.max_per_day,
      'priceCents', st.price_cents, 'currency', st.currency, 'coachTimeZone', st.time_zone
    ) AS "sessionType",
    (SELECT coalesce(json_agg(json_build_object('weekday', weekday, 'startMinute', start_minute, 'endMinute', end_minute)), '[]')
       FROM availability_rules WHERE coach_id = st.coach_id) AS "weeklyRules",
    (SELECT coalesce(json_agg(json_build_object('date', to_char(date, 'YYYY-MM-DD'), 'intervals', intervals)), '[]')
       FROM availability_overrides
      WHERE coach_id = st.coach_id
        AND date BETWEEN ($2::timestamptz AT TIME ZONE 'UTC')::date - 1 AND ($3::timestamptz AT TIME ZONE 'UTC')::date + 1) AS "overrides",
    (SELECT coalesce(json_agg(json_build_array(${ms("starts_at")}, ${ms("ends_at")})), '[]')
       FROM time_off WHERE coach_id = st.coach_id AND starts_at < $3::timestamptz AND ends_at > $2::timestamptz) AS "timeOff",
    (SELECT coalesce(json_agg(json_build_array(${ms("blocked_from")}, ${ms("blocked_until")}, ${ms("starts_at")}, session_type_id)), '[]')
       FROM bookings
      WHERE coach_id = st.coach_id
        AND blocked_from < $3::timestamptz AND blocked_until > $2::timestamptz
        AND (status IN ('CONFIRMED', 'COMPLETED', 'NO_SHOW') OR (status = 'HELD' AND hold_expires_at > $4::timestamptz))
        AND id <> $5) AS "bookings"
  FROM st`;

/**
 * A session type (by slug) and its coach's schedule around [from, until), in one round trip: this
 * runs on every availability request and inside every booking transaction, and each extra query
 * costs more in the client than in PostgreSQL. null when no session type has that slug.
 */
export async function readSchedule(options: {
  db: DbOrTx;
  sessionTypeSlug: string;
  from: Date;
  until: Date;
  now: Date;
  excludeBookingId?: string;
}): Promise<Schedule | null> {
  const [row] = await queryRows<Schedule>(options.db, SCHEDULE_SQL, [
    options.sessionTypeSlug,
    options.from.toISOString(),
    options.until.toISOString(),
    options.now.toISOString(),
    options.excludeBookingId ?? "",
  ]);
  return row ?? null;
}
