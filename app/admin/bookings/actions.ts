"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { markBookingOutcome } from "@/lib/admin/mark-booking-outcome";
import { getCurrentUser } from "@/lib/auth/current-user";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { getDb } from "@/lib/db/client";
import { formAction, type ActionState } from "@/lib/http/action";

export type CancelBookingState = ActionState<{ id: string }>;

// cancelBooking (lib/booking) checks that the actor is the coach who owns the booking, cancels it
// with one conditional update and emails the client (with the message) and the coach.
const cancel = formAction(z.object({ bookingId: z.string().min(1), reason: z.string().optional() }), async ({ bookingId, reason }) => {
  const result = await cancelBooking({ db: getDb(), bookingId, actor: await getCurrentUser(), reason: reason?.trim() || undefined });
  revalidatePath("/admin/bookings");
  revalidatePath(`/admin/bookings/${bookingId}`);
  revalidatePath("/admin/availability");
  return { id: result.id };
});

export async function cancelBookingAction(previous: CancelBookingState, formData: FormData): Promise<CancelBookingState> {
  return cancel(previous, formData);
}

export type OutcomeState = ActionState<{ id: string; status: "COMPLETED" | "NO_SHOW" }>;

const outcome = formAction(z.object({ bookingId: z.string().min(1), outcome: z.enum(["COMPLETED", "NO_SHOW"]) }), async ({ bookingId, outcome }) => {
  const result = await markBookingOutcome({ db: getDb(), actor: await getCurrentUser(), bookingId, outcome });
  revalidatePath("/admin/bookings");
  revalidatePath(`/admin/bookings/${bookingId}`);
  return { id: result.bookingId, status: result.status };
});

export async function markOutcomeAction(previous: OutcomeState, formData: FormData): Promise<OutcomeState> {
  return outcome(previous, formData);
}
