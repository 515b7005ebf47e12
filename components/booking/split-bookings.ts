// How /account groups a client's bookings; pure so it is unit tested.

export type ClientBooking = {
  id: string;
  status: string;
  start: string;
  end: string;
  sessionTitle: string;
  clientTimeZone: string;
  /** A paid session's order (see lib/booking/list-client-bookings); absent or null for a free one. */
  payment?: {
    status: string;
    provider: string;
    currency: string;
    totalCents: number;
    refundedCents: number;
    refunds: { id: string; amountCents: number; status: "PENDING" | "SUCCEEDED" | "FAILED" }[];
  } | null;
};

const ACTIVE = new Set(["CONFIRMED", "HELD"]);

/** Coming up (active and not yet over, soonest first), then the rest (most recent first). */
export function splitBookings(bookings: ClientBooking[], now: number): { upcoming: ClientBooking[]; earlier: ClientBooking[] } {
  const upcoming = bookings.filter((booking) => ACTIVE.has(booking.status) && Date.parse(booking.end) > now);
  const earlier = bookings.filter((booking) => !upcoming.includes(booking));
  upcoming.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  earlier.sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  return { upcoming, earlier };
}
