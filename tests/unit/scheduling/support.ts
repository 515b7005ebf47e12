import type { DaySlots, SessionRules, SlotEngineInput } from "@/lib/scheduling/types";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export const utc = (iso: string) => Date.parse(iso.endsWith("Z") ? iso : `${iso}Z`);
export const iso = (time: number) => new Date(time).toISOString().replace(":00.000Z", "Z");

/** A plain 60-minute session with no buffers, no notice, a long horizon and no cap. */
export const SESSION: SessionRules = {
  durationMinutes: 60,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 0,
  horizonDays: 365,
  slotIntervalMinutes: null,
  maxPerDay: null,
};

/** A coach in UTC, open 09:00-12:00 on Mondays, asked on 1 January 2026. */
export function input(overrides: Partial<Omit<SlotEngineInput, "session">> & { session?: Partial<SessionRules> } = {}): SlotEngineInput {
  return {
    coachTimeZone: "UTC",
    weeklyRules: [{ weekday: 1, startMinute: 9 * 60, endMinute: 12 * 60 }],
    overrides: [],
    timeOff: [],
    busy: [],
    now: utc("2026-01-01T00:00"),
    ...overrides,
    session: { ...SESSION, ...overrides.session },
  };
}

/** Slot starts per visitor date, as ISO strings without seconds, for readable expectations. */
export function startsByDate(days: DaySlots[]): Record<string, string[]> {
  return Object.fromEntries(days.map((day) => [day.date, day.slots.map((slot) => iso(slot.start))]));
}
