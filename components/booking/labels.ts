// The words the booking screens use for dates, times, prices and states: pure, so they are tested
// once and read the same everywhere (screen, screen reader, confirmation).

import { formatCalendarDate, formatDate, formatShortDate, formatTime, formatTimeRange } from "@/lib/time/format";
import { calendarDateInZone, type CalendarDate } from "@/lib/time/zone";

export type SlotTimes = { start: string; end: string };

/**
 * "Tuesday 3 March 2026, 4 times available"; today says so; a day without times says that too.
 * An undefined count means the times are still being looked up.
 */
export function dayLabel(date: CalendarDate, slotCount: number | undefined, options: { today?: boolean } = {}): string {
  const day = `${formatCalendarDate(date)}${options.today ? " (today)" : ""}`;
  if (slotCount === undefined) return `${day}, looking up times`;
  if (slotCount === 0) return `${day}, no times available`;
  return `${day}, ${slotCount} ${slotCount === 1 ? "time" : "times"} available`;
}

/** "14:00 to 14:20, Tuesday 3 March 2026, America/New_York": what a time button says in full. */
export function slotLabel(slot: SlotTimes, timeZone: string): string {
  const start = new Date(slot.start);
  return `${formatTimeRange(start, new Date(slot.end), timeZone)}, ${formatDate(start, timeZone)}, ${timeZone}`;
}

/** "Tuesday 3 March 2026, 14:00 to 14:20 (America/New_York)": a session's full date and times. */
export function sessionTimesLabel(slot: SlotTimes, timeZone: string): string {
  const start = new Date(slot.start);
  return `${formatDate(start, timeZone)}, ${formatTimeRange(start, new Date(slot.end), timeZone)} (${timeZone})`;
}

/**
 * The confirmation's one sentence about when:
 * "Tue 3 Mar, 14:00 your time (America/New_York) — 19:00 for Maya (Europe/London)".
 * The coach's date is added when her clock shows a different day.
 */
export function bothZonesLabel(startIso: string, clientZone: string, coachZone: string, coachName: string): string {
  const start = new Date(startIso);
  const yours = `${formatShortDate(start, clientZone)}, ${formatTime(start, clientZone)}`;
  if (clientZone === coachZone) return `${yours} (${clientZone}), your time and ${coachName}'s`;
  const sameDay = calendarDateInZone(start, clientZone) === calendarDateInZone(start, coachZone);
  const theirs = `${sameDay ? "" : `${formatShortDate(start, coachZone)}, `}${formatTime(start, coachZone)}`;
  return `${yours} your time (${clientZone}) — ${theirs} for ${coachName} (${coachZone})`;
}

/** "Free", or the price in the session's currency: "£95", "£95.50". */
export function priceLabel(priceCents: number, currency: string): string {
  if (priceCents <= 0) return "Free";
  const whole = priceCents % 100 === 0;
  return new Intl.NumberFormat("en-GB", {
    style: "currency",
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(priceCents / 100);
}

/** "20 minutes", "1 hour", "1 hour 30 minutes". */
export function durationLabel(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const hourPart = hours ? `${hours} ${hours === 1 ? "hour" : "hours"}` : "";
  const minutePart = rest || !hours ? `${rest} ${rest === 1 ? "minute" : "minutes"}` : "";
  return [hourPart, minutePart].filter(Boolean).join(" ");
}

export type BookingStatus = "HELD" | "CONFIRMED" | "CANCELLED" | "EXPIRED" | "COMPLETED" | "NO_SHOW";

/** A booking's state in plain words. */
export function statusLabel(status: string): string {
  switch (status) {
    case "CONFIRMED":
      return "Confirmed";
    case "HELD":
      return "Waiting for payment";
    case "CANCELLED":
      return "Cancelled";
    case "EXPIRED":
      return "Not booked (the time was held, but payment didn't arrive in time)";
    case "COMPLETED":
      return "Took place";
    case "NO_SHOW":
      return "Marked as missed";
    default:
      return status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, " ");
  }
}

/** The name to use in a friendly sentence: "Maya" from "Maya Ellison"; "your coach" without one. */
export function firstName(name: string | null | undefined): string {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : "your coach";
}

/** "Retry in about 3 minutes" wording for a Retry-After in seconds. */
export function waitLabel(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 60) return "about a minute";
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `about ${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return `about ${hours} ${hours === 1 ? "hour" : "hours"}`;
}

/** A question label with "(required)" or "(optional)" in words, unless the label already says it. */
export function questionLabel(label: string, required: boolean): string {
  const word = required ? "required" : "optional";
  return new RegExp(`\\b${word}\\b`, "i").test(label) ? label : `${label} (${word})`;
}
