import type { DbOrTx } from "../db/client";
import type { BookingStatus } from "../db/generated/client";
import { coachProfile, publicSessionType } from "./booking-data";
import { changeWindow } from "./change-window";
import { findManagedBookingRow } from "./find-managed-booking-row";

export type ManagedBooking = {
  id: string;
  status: BookingStatus;
  start: string;
  end: string;
  clientName: string;
  clientEmail: string;
  clientTimeZone: string;
  coachTimeZone: string;
  coachName: string;
  sessionType: { slug: string; title: string; durationMinutes: number; priceCents: number; currency: string };
  answers: Record<string, string>;
  /** Whether the client may still reschedule or cancel through the link. */
  canChange: boolean;
  /** Until when they may (start − the coach's cutoff), ISO-8601 UTC. */
  changeDeadline: string;
  cancelledAt: string | null;
};

/** What the manage page shows. Reading it never changes anything. */
export async function findBookingByManageToken(options: { db: DbOrTx; token: string; now?: Date }): Promise<ManagedBooking> {
  const now = options.now ?? new Date();
  const booking = await findManagedBookingRow(options);
  const coach = coachProfile(booking.sessionType.coach);
  const window = changeWindow({ booking, cancellationCutoffHours: coach.cancellationCutoffHours, now });
  return {
    id: booking.id,
    status: booking.status,
    start: booking.startsAt.toISOString(),
    end: booking.endsAt.toISOString(),
    clientName: booking.clientName,
    clientEmail: booking.clientEmail,
    clientTimeZone: booking.clientTimeZone,
    coachTimeZone: coach.timeZone,
    coachName: coach.name,
    sessionType: publicSessionType(booking.sessionType),
    answers: booking.answers as Record<string, string>,
    canChange: window.open,
    changeDeadline: window.deadline.toISOString(),
    cancelledAt: booking.cancelledAt?.toISOString() ?? null,
  };
}
