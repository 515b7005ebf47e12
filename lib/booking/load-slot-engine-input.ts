import type { DbOrTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { BusyInterval, DateOverride, MinuteInterval, SlotEngineInput } from "../scheduling/types";
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
  const overlapping = { startsAt: { lt: loadUntil }, endsAt: { gt: loadFrom } };

  const bookingWhere: Prisma.BookingWhereInput = {
    coachId: coach.id,
    blockedFrom: { lt: loadUntil },
    blockedUntil: { gt: loadFrom },
    OR: [{ status: { in: ["CONFIRMED", "COMPLETED", "NO_SHOW"] } }, { status: "HELD", holdExpiresAt: { gt: now } }],
    ...(options.excludeBookingId ? { id: { not: options.excludeBookingId } } : {}),
  };
  // One after another: on a transaction handle they queue anyway, and on the client Promise.all
  // measured slower (more pool checkouts for four small queries).
  const weeklyRules = await db.availabilityRule.findMany({
    where: { coachId: coach.id },
    select: { weekday: true, startMinute: true, endMinute: true },
  });
  const overrides = await db.availabilityOverride.findMany({
    where: {
      coachId: coach.id,
      date: { gte: utcDate(calendarDateInZone(loadFrom, coach.timeZone)), lte: utcDate(calendarDateInZone(loadUntil, coach.timeZone)) },
    },
    select: { date: true, intervals: true },
  });
  const timeOff = await db.timeOff.findMany({ where: { coachId: coach.id, ...overlapping }, select: { startsAt: true, endsAt: true } });
  const bookings = await db.booking.findMany({
    where: bookingWhere,
    select: { blockedFrom: true, blockedUntil: true, startsAt: true, sessionTypeId: true },
  });

  const capped = sessionType.maxPerDay !== null;
  return {
    coachTimeZone: coach.timeZone,
    weeklyRules,
    overrides: overrides.map(
      (override): DateOverride => ({ date: override.date.toISOString().slice(0, 10), intervals: override.intervals as unknown as MinuteInterval[] }),
    ),
    timeOff: timeOff.map((range) => ({ start: range.startsAt, end: range.endsAt })),
    busy: bookings.map(
      (booking): BusyInterval =>
        capped && booking.sessionTypeId === sessionType.id
          ? { start: booking.blockedFrom, end: booking.blockedUntil, countsTowardDailyCap: true, sessionStart: booking.startsAt }
          : { start: booking.blockedFrom, end: booking.blockedUntil },
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

/** A `date` column holds a calendar date; Prisma reads and writes it as midnight UTC. */
function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
