"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { markBookingOutcome } from "@/lib/admin/mark-booking-outcome";
import { parseMoneyAmount } from "@/lib/admin/parse-money-amount";
import { updateBookingPolicy } from "@/lib/admin/update-booking-policy";
import { getCurrentUser } from "@/lib/auth/current-user";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { getDb } from "@/lib/db/client";
import { InvalidInputError } from "@/lib/errors";
import { formAction, type ActionState } from "@/lib/http/action";
import { formatMoney } from "@/lib/payments/format-money";
import { refundBookingByCoach } from "@/lib/payments/refund-booking-by-coach";

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

export type RefundState = ActionState<{ amount: string }>;

// refundBookingByCoach (lib/payments) checks the coach owns the booking and that the amount is no
// more than what is left, records the refund before the provider is called, and emails the client.
const refundInput = z.object({
  bookingId: z.string().min(1),
  kind: z.enum(["full", "partial"], { error: "Choose a full or a partial refund." }),
  amount: z.string().optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  reason: z.string().optional(),
});

const refund = formAction(refundInput, async ({ bookingId, kind, amount, currency, reason }) => {
  let amountCents: number | undefined;
  if (kind === "partial") {
    const parsed = parseMoneyAmount(amount ?? "", currency);
    if (parsed === null) {
      throw new InvalidInputError("Some details need another look.", { amount: "Enter the amount to refund, for example 20 or 20.50." });
    }
    amountCents = parsed;
  }
  const result = await refundBookingByCoach({ db: getDb(), actor: await getCurrentUser(), bookingId, amountCents, reason: reason?.trim() || undefined });
  revalidatePath("/admin/bookings");
  revalidatePath(`/admin/bookings/${bookingId}`);
  return { amount: formatMoney(result.amountCents, result.currency) };
});

export async function refundBookingAction(previous: RefundState, formData: FormData): Promise<RefundState> {
  return refund(previous, formData);
}

export type BookingPolicyState = ActionState<{ lateCancellationRefundPercent: number }>;

const policy = formAction(
  z.object({
    lateCancellationRefundPercent: z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, "Enter a whole number from 0 to 100.")
      .transform(Number),
  }),
  async ({ lateCancellationRefundPercent }) => {
    const saved = await updateBookingPolicy({ db: getDb(), actor: await getCurrentUser(), lateCancellationRefundPercent });
    revalidatePath("/admin/bookings");
    return { lateCancellationRefundPercent: saved.lateCancellationRefundPercent };
  },
);

export async function updateBookingPolicyAction(previous: BookingPolicyState, formData: FormData): Promise<BookingPolicyState> {
  return policy(previous, formData);
}
