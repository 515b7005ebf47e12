import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";
import { parseIntakeQuestions } from "../catalogue/intake-questions";
import { NotFoundError } from "../errors";
import { getCoachTimeZone } from "../time/coach-time-zone";
import { coachBookingFields } from "./booking-fields";
import { idInput, parseInput } from "./parse-input";

/** One of the coach's bookings with the client's answers, each next to its question. */
export async function getBookingForCoach(options: { db: DbOrTx; actor: CurrentUser | null; id: string }) {
  const { db, actor } = options;
  assertCoach(actor);
  const bookingId = parseInput(idInput, options.id);
  const [booking, timeZone] = await Promise.all([
    db.booking.findFirst({
      where: { id: bookingId, coachId: actor.id },
      select: {
        ...coachBookingFields,
        answers: true,
        sessionType: { select: { id: true, title: true, slug: true, intakeQuestions: true } },
        orderItem: {
          select: {
            order: {
              select: {
                ...coachBookingFields.orderItem.select.order.select,
                refunds: {
                  orderBy: { createdAt: "asc" },
                  select: { id: true, amountCents: true, status: true, origin: true, reason: true, lastError: true, createdAt: true },
                },
              },
            },
          },
        },
      },
    }),
    getCoachTimeZone(db, actor.id),
  ]);
  if (!booking) throw new NotFoundError("That booking was not found.", "booking_not_found");
  const { answers, sessionType, orderItem, ...rest } = booking;
  const given = answers && typeof answers === "object" && !Array.isArray(answers) ? (answers as Record<string, unknown>) : {};
  const questions = parseIntakeQuestions(sessionType.intakeQuestions);
  const known = new Set(questions.map((q) => q.id));
  const answered = [
    ...questions.map((q) => ({ id: q.id, question: q.label, answer: typeof given[q.id] === "string" ? (given[q.id] as string) : null })),
    // Answers to questions the type no longer asks are still the client's words: show them too.
    ...Object.entries(given)
      .filter(([key, value]) => !known.has(key) && typeof value === "string")
      .map(([key, value]) => ({ id: key, question: key, answer: value as string })),
  ];
  return {
    booking: { ...rest, sessionType: { id: sessionType.id, title: sessionType.title, slug: sessionType.slug }, answers: answered },
    /** The booking's order with its refunds, for a paid session; null for a free one. */
    order: orderItem?.order ?? null,
    timeZone,
  };
}
