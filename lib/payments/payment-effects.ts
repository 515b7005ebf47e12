import { deliverSoon } from "../email/deliver-soon";
import { scheduleReminders } from "../booking/schedule-reminders";
import { sendRefundJobs } from "./send-refund-jobs";

/**
 * What a payment transaction asks for once it has committed: emails to deliver now, reminders to
 * schedule for bookings it confirmed, refunds to send to the provider. Collected inside the
 * transaction, run after it (never inside: a rolled-back change must not have sent anything).
 */
export type PaymentEffects = {
  messageIds: string[];
  reminders: Array<{ bookingId: string; startsAt: Date; offsetsMinutes: number[] }>;
  refundIds: string[];
};

/** Runs the after-commit effects. Each part is best effort; sweeps catch whatever is lost here. */
export async function runPaymentEffects(effects: PaymentEffects, now: Date): Promise<void> {
  if (effects.messageIds.length) await deliverSoon(effects.messageIds);
  for (const reminder of effects.reminders) await scheduleReminders({ ...reminder, now });
  if (effects.refundIds.length) await sendRefundJobs(effects.refundIds);
}
