"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { rescheduleBooking } from "@/lib/booking/reschedule-booking";
import { getDb } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { formAction, type ActionState } from "@/lib/http/action";
import { supportedInstant } from "@/lib/time/supported-range";

// The manage page's two changes. Each succeeds by redirecting back to the (possibly new) manage
// page with ?done=…, which only chooses a message: the GET itself never changes anything.

export type AlternativeSlot = { start: string; end: string };
/** A successful move redirects; the one non-error answer is "that time was just taken". */
export type RescheduleResult = { outcome: "slot_unavailable"; message: string; alternatives: AlternativeSlot[] };
export type RescheduleState = ActionState<RescheduleResult>;
export type CancelState = ActionState<undefined>;

const token = z.string().min(1).max(256);

const rescheduleInput = z.object({
  token,
  start: supportedInstant("Please choose a new time from the list."),
});

const cancelInput = z.object({
  token,
  reason: z
    .string()
    .trim()
    .max(2000, { error: "The message can be up to 2,000 characters. Please shorten it a little." })
    .optional(),
  /** The refund the page showed; cancelBooking refuses if it no longer holds. */
  expectedRefundCents: z.coerce.number().int().min(0).optional(),
});

function managePath(manageUrl: string | undefined, fallbackToken: string): string {
  try {
    const path = new URL(manageUrl ?? "", "http://localhost").pathname;
    if (path.startsWith("/manage/")) return path;
  } catch {
    // Fall back to the token the visitor arrived with.
  }
  return `/manage/${encodeURIComponent(fallbackToken)}`;
}

function toSlots(value: unknown): AlternativeSlot[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((slot: { start?: unknown; end?: unknown }) => {
    const start = new Date(slot?.start as string | Date);
    const end = new Date(slot?.end as string | Date);
    return Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) ? [] : [{ start: start.toISOString(), end: end.toISOString() }];
  });
}

const reschedule = formAction(rescheduleInput, async ({ token, start }): Promise<RescheduleResult> => {
  let path: string;
  try {
    const moved = await rescheduleBooking({ db: getDb(), token, newStart: new Date(start) });
    path = managePath(moved.manageUrl, token);
  } catch (error) {
    if (error instanceof ConflictError && error.code === "slot_unavailable") {
      return { outcome: "slot_unavailable", message: error.message, alternatives: toSlots(error.details.alternatives) };
    }
    throw error;
  }
  redirect(`${path}?done=rescheduled`);
});

const cancel = formAction(cancelInput, async ({ token, reason, expectedRefundCents }): Promise<undefined> => {
  await cancelBooking({ db: getDb(), token, ...(reason ? { reason } : {}), ...(expectedRefundCents !== undefined ? { expectedRefundCents } : {}) });
  redirect(`/manage/${encodeURIComponent(token)}?done=cancelled`);
});

export async function rescheduleBookingAction(previous: RescheduleState, formData: FormData): Promise<RescheduleState> {
  return reschedule(previous, formData);
}

export async function cancelBookingAction(previous: CancelState, formData: FormData): Promise<CancelState> {
  return cancel(previous, formData);
}
