import { formatDateTime } from "../time/format";

/** What a booked session is, as its order line names it: "One-on-one strategy session with Maya Ellison". */
export function bookingItemName(sessionTitle: string, coachName: string): string {
  return `${sessionTitle} with ${coachName}`;
}

/**
 * A booking's order line as stored, and as Stripe's checkout page and the receipt show it with
 * nothing beside it: what, and when in the client's zone. Pages that show the time on its own line
 * use bookingItemName instead, so the date isn't said twice.
 */
export function bookingItemTitle(options: { sessionTitle: string; coachName: string; start: Date; timeZone: string }): string {
  return `${bookingItemName(options.sessionTitle, options.coachName)}, ${formatDateTime(options.start, options.timeZone)}`;
}
