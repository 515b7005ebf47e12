import { emailAddress } from "../auth/email-address";
import type { Db } from "../db/client";
import { enforceRateLimit } from "../rate-limit/enforce-rate-limit";

const BOOKINGS_PER_IP = { limit: 10, windowSeconds: 10 * 60 };
const BOOKINGS_PER_EMAIL = { limit: 5, windowSeconds: 60 * 60 };

/**
 * Counts one booking attempt (made or not) for the network and for the address, shared by every
 * app instance: 10 per IP address in 10 minutes, 5 per email address in an hour. Call it before
 * createBooking from every public entry point (the API route and the booking page's action).
 */
export async function limitBookingAttempts(options: { db: Db; ip: string; email: string; now?: Date }): Promise<void> {
  const { db, now } = options;
  await enforceRateLimit(
    db,
    { key: `booking:ip:${options.ip}`, ...BOOKINGS_PER_IP, now },
    (wait) =>
      `We've had a lot of booking attempts from your network in a short time. To keep things fair, please wait ${wait} and try again. Any booking that already went through is confirmed in your inbox.`,
  );
  const email = emailAddress.safeParse(options.email);
  // An address that is not one is refused with its field error by createBooking; nothing to count.
  if (!email.success) return;
  await enforceRateLimit(
    db,
    { key: `booking:email:${email.data}`, ...BOOKINGS_PER_EMAIL, now },
    (wait) => `You've tried to book several times in a short while. Please wait ${wait} and try again. Any booking that already went through is confirmed in your inbox.`,
  );
}
