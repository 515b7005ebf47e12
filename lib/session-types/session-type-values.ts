import { formatPriceInput } from "./session-type-input";
import type { getSessionTypeForCoach } from "./get-session-type-for-coach";

type Stored = Awaited<ReturnType<typeof getSessionTypeForCoach>>;

/** A stored session type as the strings its edit form starts from. */
export function sessionTypeFormValues(row: Stored) {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    description: row.description,
    durationMinutes: String(row.durationMinutes),
    bufferBeforeMinutes: String(row.bufferBeforeMinutes),
    bufferAfterMinutes: String(row.bufferAfterMinutes),
    noticeHours: String(Math.floor(row.minimumNoticeMinutes / 60)),
    noticeMinutes: String(row.minimumNoticeMinutes % 60),
    horizonDays: String(row.horizonDays),
    slotIntervalMinutes: row.slotIntervalMinutes === null ? "" : String(row.slotIntervalMinutes),
    maxPerDay: row.maxPerDay === null ? "" : String(row.maxPerDay),
    price: formatPriceInput(row.priceCents),
    currency: row.currency,
    active: row.active,
    intakeQuestions: row.intakeQuestions,
  };
}

/** A new session type's starting values: an hour, free, in the coach's currency. */
export function newSessionTypeValues(currency: string) {
  return {
    title: "",
    slug: "",
    description: "",
    durationMinutes: "60",
    bufferBeforeMinutes: "0",
    bufferAfterMinutes: "0",
    noticeHours: "12",
    noticeMinutes: "0",
    horizonDays: "60",
    slotIntervalMinutes: "",
    maxPerDay: "",
    price: "0",
    currency,
    active: true,
    intakeQuestions: [],
  };
}
