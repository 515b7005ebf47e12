import { z } from "zod";
import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { Db } from "../db/client";
import { ConflictError, NotFoundError, RuleViolationError } from "../errors";
import { idInput, parseInput } from "./parse-input";

const input = z.object({
  bookingId: idInput,
  outcome: z.enum(["COMPLETED", "NO_SHOW"], { error: "Choose completed or no-show." }),
});

const STATUS_WORDS: Record<string, string> = {
  HELD: "still waiting for payment",
  CANCELLED: "cancelled",
  EXPIRED: "expired",
  COMPLETED: "already marked as completed",
  NO_SHOW: "already marked as a no-show",
};

/**
 * Records how a session went: COMPLETED or NO_SHOW. Only a CONFIRMED booking whose start has come
 * can be marked, checked and changed in one conditional UPDATE, so two clicks (or a cancellation
 * arriving at the same moment) never both win. The status is final: there is no way back to
 * CONFIRMED.
 */
export async function markBookingOutcome(options: { db: Db; actor: CurrentUser | null; bookingId: string; outcome: "COMPLETED" | "NO_SHOW"; now?: Date }) {
  const { db, actor } = options;
  assertCoach(actor);
  const { bookingId, outcome } = parseInput(input, { bookingId: options.bookingId, outcome: options.outcome });
  const now = options.now ?? new Date();

  return db.$transaction(async (tx) => {
    const { count } = await tx.booking.updateMany({
      where: { id: bookingId, coachId: actor.id, status: "CONFIRMED", startsAt: { lte: now } },
      data: { status: outcome },
    });
    if (count === 0) {
      const booking = await tx.booking.findFirst({ where: { id: bookingId, coachId: actor.id }, select: { status: true, startsAt: true } });
      if (!booking) throw new NotFoundError("That booking was not found.", "booking_not_found");
      if (booking.status !== "CONFIRMED") {
        throw new ConflictError("booking_not_confirmed", `This booking is ${STATUS_WORDS[booking.status] ?? booking.status.toLowerCase()}, so it can't be marked now. Nothing was changed.`);
      }
      throw new RuleViolationError("session_not_started", "This session hasn't started yet. You can mark it as completed or a no-show once it has begun.");
    }
    await tx.auditLog.create({
      data: { actorId: actor.id, action: outcome === "COMPLETED" ? "booking.completed" : "booking.no_show", entityType: "booking", entityId: bookingId, data: { from: "CONFIRMED", to: outcome, at: now.toISOString() } },
    });
    return { bookingId, status: outcome };
  });
}
