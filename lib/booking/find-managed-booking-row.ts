import type { DbOrTx } from "../db/client";
import { NotFoundError } from "../errors";
import { bookingSelect, type BookingRow } from "./booking-data";
import { hashManageToken } from "./manage-token";

/**
 * The booking behind a manage link, found by the token's hash. A malformed token and an unknown
 * one get the same NotFoundError, so the answer says nothing about which bookings exist.
 */
export async function findManagedBookingRow(options: { db: DbOrTx; token: string }): Promise<BookingRow> {
  const hash = hashManageToken(options.token);
  const booking = hash ? await options.db.booking.findUnique({ where: { manageTokenHash: hash }, select: bookingSelect }) : null;
  if (!booking) {
    throw new NotFoundError(
      "We couldn't find a booking for this link. Please check that the whole link was copied from your email; if it still doesn't work, the coach can look it up for you.",
      "booking_not_found",
    );
  }
  return booking;
}
