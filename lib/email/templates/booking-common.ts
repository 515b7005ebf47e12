import { formatDate, formatDateTime, formatTime } from "../../time/format";
import { isSameZone } from "../../time/zone";

// Shared wording for the booking emails. Every time is written from the instant and the reader's
// zone (lib/time/format.ts), with the other person's clock alongside.

export type BookingPerson = { name: string; email: string; timeZone: string };

/** What every booking email is about. */
export type BookingEmailFacts = {
  sessionTitle: string;
  start: Date;
  client: BookingPerson;
  coach: BookingPerson;
};

/** "Tuesday 3 March 2026, 14:00 (America/New_York) — that's 19:00 for Maya (Europe/London)". */
export function timeForBoth(start: Date, reader: BookingPerson, other: BookingPerson): string {
  const mine = formatDateTime(start, reader.timeZone);
  if (isSameZone(other.timeZone, reader.timeZone)) return mine;
  const theirs = formatDate(start, other.timeZone) === formatDate(start, reader.timeZone) ? formatTime(start, other.timeZone) : withoutZone(start, other.timeZone);
  return `${mine} — that's ${theirs} for ${other.name} (${other.timeZone})`;
}

/** "Tuesday 3 March 2026, 14:00", for subject lines. */
export function withoutZone(instant: Date, timeZone: string): string {
  return `${formatDate(instant, timeZone)}, ${formatTime(instant, timeZone)}`;
}

/** 1440 → "a day", 60 → "an hour", 120 → "2 hours", 90 → "90 minutes". */
export function describeMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? "a day" : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? "an hour" : `${minutes / 60} hours`;
  return minutes === 1 ? "a minute" : `${minutes} minutes`;
}

/** "We'll email you a reminder a day before and an hour before." (empty without reminders) */
export function remindersSentence(offsetsMinutes: number[]): string {
  const offsets = [...new Set(offsetsMinutes)].sort((a, b) => b - a).map((minutes) => `${describeMinutes(minutes)} before`);
  if (offsets.length === 0) return "";
  const list = offsets.length === 1 ? offsets[0] : `${offsets.slice(0, -1).join(", ")} and ${offsets.at(-1)}`;
  return `We'll email you a reminder ${list}.`;
}

/** How the client can change the booking: through the link until the deadline, else by asking the coach. */
export function changePolicySentence(options: {
  client: BookingPerson;
  coach: BookingPerson;
  deadline: Date;
  canChange: boolean;
  cancellationCutoffHours: number;
  where: string;
}): string {
  const { client, coach } = options;
  if (!options.canChange) {
    return `The session is less than ${options.cancellationCutoffHours} hours away, so changes now go through ${coach.name}: if something comes up, just email ${coach.email}. That's completely fine.`;
  }
  return `Need a different time? Rescheduling or cancelling is free until ${formatDateTime(options.deadline, client.timeZone)} (${options.cancellationCutoffHours} hours before), ${options.where}.`;
}

/** The button to the client's manage page; the footnote warns that the link itself is the key. */
export function manageBookingAction(manageUrl: string): { action: { label: string; url: string }; footnote: string } {
  return {
    action: { label: "See or change your booking", url: manageUrl },
    footnote: "This link is just for you: anyone who has it can change your booking, so it's best not to forward this email.",
  };
}
