import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { bookingPolicyInput, type BookingPolicy } from "./booking-policy";
import { parseInput } from "./parse-input";

/**
 * Sets the share of the price a client gets back when they cancel a paid session after the cutoff
 * (0 to 100 %). Applies to cancellations from now on; refunds already made are not touched.
 */
export async function updateBookingPolicy(options: { db: Db; actor: CurrentUser | null; lateCancellationRefundPercent: number }): Promise<BookingPolicy> {
  const { db, actor } = options;
  assertCoach(actor);
  const { lateCancellationRefundPercent } = parseInput(bookingPolicyInput, { lateCancellationRefundPercent: options.lateCancellationRefundPercent });
  return db.$transaction(async (tx) => {
    const [updated] = await tx.coachSettings.updateManyAndReturn({
      where: { coachId: actor.id },
      data: { lateCancellationRefundPercent },
      select: { cancellationCutoffHours: true, lateCancellationRefundPercent: true },
    });
    if (!updated) throw new NotFoundError("Your practice settings weren't found. Please reload the page and try again.", "settings_not_found");
    await tx.auditLog.create({
      data: { actorId: actor.id, action: "settings.booking_policy", entityType: "CoachSettings", entityId: actor.id, data: { lateCancellationRefundPercent } },
    });
    return updated;
  });
}
