import type { DbOrTx } from "../db/client";
import { NotFoundError } from "../errors";
import { isSlug } from "../session-types/limits";
import { coachProfile, sessionTypeSelect } from "../booking/booking-data";
import { parseIntakeQuestions, type IntakeQuestion } from "./intake-questions";
import type { SessionTypeSummary } from "./list-session-types";

export type BookableSessionType = SessionTypeSummary & {
  horizonDays: number;
  intakeQuestions: IntakeQuestion[];
  coach: { name: string | null; timeZone: string; cancellationCutoffHours: number };
};

/** An active session type with what its booking page needs; NotFoundError when unknown or inactive. */
export async function getSessionType({ db, slug }: { db: DbOrTx; slug: string }): Promise<BookableSessionType> {
  const notFound = new NotFoundError("We couldn't find that kind of session. It may no longer be offered.");
  if (!isSlug(slug)) throw notFound;
  const row = await db.sessionType.findFirst({
    where: { slug, active: true },
    select: {
      slug: true,
      title: true,
      description: true,
      durationMinutes: true,
      priceCents: true,
      currency: true,
      horizonDays: true,
      intakeQuestions: true,
      coach: sessionTypeSelect.coach,
    },
  });
  if (!row) throw notFound;
  const { coach, intakeQuestions, ...summary } = row;
  // The same defaults the booking rules apply, so the page promises what the API will do.
  const { timeZone, cancellationCutoffHours } = coachProfile(coach);
  return {
    ...summary,
    intakeQuestions: parseIntakeQuestions(intakeQuestions),
    coach: { name: coach.name, timeZone, cancellationCutoffHours },
  };
}
