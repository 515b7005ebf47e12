import { reminderJobs } from "../booking/schedule-reminders";
import { deliveryJobs } from "../email/deliver-soon";
import { QUEUES, sendJobs, type JobRequest } from "../jobs/boss";
import type { PaymentRefundJob } from "./send-refund-jobs";

/**
 * What a payment transaction asks for once it has committed: emails to deliver now, reminders to
 * schedule for bookings it confirmed, refunds to send to the provider. Collected inside the
 * transaction, run after it (never inside: a rolled-back change must not have queued anything).
 */
export type PaymentEffects = {
  messageIds: string[];
  reminders: Array<{ bookingId: string; startsAt: Date; offsetsMinutes: number[] }>;
  refundIds: string[];
};

/**
 * Queues the after-commit work in one insert (the webhook's hot path pays one round trip, not
 * three). The same jobs deliverSoon, scheduleReminders and sendRefundJobs send, singleton keys
 * included. Best effort: it never throws, because everything it asks for is already safe in the
 * database and the email, reminder and refund sweeps pick up whatever a lost job leaves behind.
 */
export async function runPaymentEffects(effects: PaymentEffects, now: Date): Promise<void> {
  const jobs: JobRequest[] = [
    ...deliveryJobs(effects.messageIds),
    ...effects.reminders.flatMap((reminder) => reminderJobs({ ...reminder, now })),
    ...effects.refundIds.map((refundId) => ({ name: QUEUES.paymentsRefund, data: { refundId } satisfies PaymentRefundJob, singletonKey: refundId })),
  ];
  try {
    await sendJobs(jobs);
  } catch (error) {
    console.error(
      `Could not queue ${jobs.length} job(s) after a payment (${error instanceof Error ? error.message : String(error)}); the email, reminder and refund sweeps will pick them up.`,
    );
  }
}
