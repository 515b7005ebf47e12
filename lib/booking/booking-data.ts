import type { Prisma } from "../db/generated/client";
import { DEFAULT_COACH_TIME_ZONE } from "../time/coach-time-zone";

// What the booking functions read about a session type and its coach, selected in one place so
// every path (availability, create, reschedule, cancel, reminders) applies the same rules.

/** The columns that decide when and how a session type can be booked; the admin edits the same set. */
export const sessionTypeRuleFields = {
  durationMinutes: true,
  bufferBeforeMinutes: true,
  bufferAfterMinutes: true,
  minimumNoticeMinutes: true,
  horizonDays: true,
  slotIntervalMinutes: true,
  maxPerDay: true,
  priceCents: true,
  currency: true,
  intakeQuestions: true,
} satisfies Prisma.SessionTypeSelect;

/** A session type's booking rules and public facts, with its coach. */
export const sessionTypeSelect = {
  id: true,
  coachId: true,
  slug: true,
  title: true,
  active: true,
  ...sessionTypeRuleFields,
  coach: {
    select: {
      id: true,
      name: true,
      email: true,
      coachSettings: { select: { timeZone: true, businessName: true, cancellationCutoffHours: true, reminderOffsetsMinutes: true } },
    },
  },
} satisfies Prisma.SessionTypeSelect;

export type SessionTypeRow = Prisma.SessionTypeGetPayload<{ select: typeof sessionTypeSelect }>;

/** The coach as booking emails and policies need her; defaults stand in until she saves settings. */
export type CoachProfile = {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  cancellationCutoffHours: number;
  reminderOffsetsMinutes: number[];
};

export function coachProfile(coach: SessionTypeRow["coach"]): CoachProfile {
  const settings = coach.coachSettings;
  return {
    id: coach.id,
    name: coach.name ?? settings?.businessName ?? "your coach",
    email: coach.email,
    timeZone: settings?.timeZone ?? DEFAULT_COACH_TIME_ZONE,
    cancellationCutoffHours: settings?.cancellationCutoffHours ?? 24,
    reminderOffsetsMinutes: settings?.reminderOffsetsMinutes ?? [1440, 60],
  };
}

/** The public description of a session type, as the API and the manage page show it. */
export function publicSessionType(type: Pick<SessionTypeRow, "slug" | "title" | "durationMinutes" | "priceCents" | "currency">) {
  return { slug: type.slug, title: type.title, durationMinutes: type.durationMinutes, priceCents: type.priceCents, currency: type.currency };
}

/** A booking's own columns that its emails need; a new booking is read back with just these. */
export const bookingEmailFields = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  holdExpiresAt: true,
  clientName: true,
  clientEmail: true,
  clientTimeZone: true,
  answers: true,
  sequence: true,
} satisfies Prisma.BookingSelect;

/** A booking with everything its emails and policies need. */
export const bookingSelect = {
  ...bookingEmailFields,
  cancelledAt: true,
  sessionType: { select: sessionTypeSelect },
} satisfies Prisma.BookingSelect;

export type BookingRow = Prisma.BookingGetPayload<{ select: typeof bookingSelect }>;

/** The statuses the exclusion constraint guards: the booking holds its time. */
export const ACTIVE_STATUSES = ["HELD", "CONFIRMED"] as const;
