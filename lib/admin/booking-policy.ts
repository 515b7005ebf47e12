import { z } from "zod";
import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";

/** What the coach's cancellation policy form edits (the cutoff is shown alongside it). */
export const bookingPolicyInput = z.object({
  lateCancellationRefundPercent: z
    .number({ error: "Enter a whole number from 0 to 100." })
    .int("Enter a whole number from 0 to 100.")
    .min(0, "Enter a whole number from 0 to 100.")
    .max(100, "Enter a whole number from 0 to 100."),
});

export type BookingPolicy = { cancellationCutoffHours: number; lateCancellationRefundPercent: number };

/** The coach's cancellation policy: the cutoff for changes online and the refund after it. */
export async function getBookingPolicy(options: { db: DbOrTx; actor: CurrentUser | null }): Promise<BookingPolicy> {
  const { db, actor } = options;
  assertCoach(actor);
  const settings = await db.coachSettings.findUnique({
    where: { coachId: actor.id },
    select: { cancellationCutoffHours: true, lateCancellationRefundPercent: true },
  });
  return { cancellationCutoffHours: settings?.cancellationCutoffHours ?? 24, lateCancellationRefundPercent: settings?.lateCancellationRefundPercent ?? 0 };
}
