import type { CalendarDate } from "@/lib/time/zone";

/** An absolute instant: a Date or epoch milliseconds. Outputs are always epoch milliseconds. */
export type Instant = Date | number;

/** A weekly availability window, wall-clock minutes after local midnight in the coach's zone. */
export interface WeeklyRule {
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** 0..1439 */
  startMinute: number;
  /** startMinute+1..1440 (1440 = midnight at the end of the day) */
  endMinute: number;
}

export interface MinuteInterval {
  startMinute: number;
  endMinute: number;
}

/** Replaces the weekly rules for one of the coach's calendar dates; no intervals = closed. */
export interface DateOverride {
  date: CalendarDate;
  intervals: readonly MinuteInterval[];
}

/** Half-open [start, end) between two instants. */
export interface InstantInterval {
  start: Instant;
  end: Instant;
}

/**
 * Time already taken: a booking or unexpired hold, from its blockedFrom to its blockedUntil (its
 * own buffers included). One that counts toward this session type's daily cap names the start of
 * the session itself, because the cap counts by the coach's calendar date of that start, and the
 * blocked interval may begin on the previous date when the buffer crosses midnight.
 */
export type BusyInterval = InstantInterval & ({ countsTowardDailyCap?: false } | { countsTowardDailyCap: true; sessionStart: Instant });

/** The booking rules of one session type (the SessionType row's fields of the same names). */
export interface SessionRules {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  horizonDays: number;
  /** Step between offered starts; null or absent = durationMinutes. */
  slotIntervalMinutes?: number | null;
  /** At most this many bookings of the type per coach calendar date; null = no cap. */
  maxPerDay: number | null;
}

/** Everything the engine needs to know about the coach, the session type and the moment. */
export interface SlotEngineInput {
  /** IANA zone the weekly rules and overrides are written in. */
  coachTimeZone: string;
  weeklyRules: readonly WeeklyRule[];
  overrides: readonly DateOverride[];
  timeOff: readonly InstantInterval[];
  busy: readonly BusyInterval[];
  session: SessionRules;
  now: Instant;
}

/** The dates a visitor asked about, inclusive, as calendar dates in the visitor's own zone. */
export interface VisitorDateRange {
  from: CalendarDate;
  to: CalendarDate;
  timeZone: string;
}

/** A bookable session, [start, end) in epoch milliseconds; end = start + duration. */
export interface Slot {
  start: number;
  end: number;
}

/** The free slots that start on one calendar date in the visitor's zone, sorted by start. */
export interface DaySlots {
  date: CalendarDate;
  slots: Slot[];
}
