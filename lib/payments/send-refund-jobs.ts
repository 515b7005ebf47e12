import { QUEUES, sendJobs } from "../jobs/boss";

export type PaymentRefundJob = { refundId: string };

/**
 * Asks the worker to send these refunds to the provider now. Call it after the transaction that
 * wrote the PENDING refund rows has committed. Best effort: it never throws, because the refund rows
 * are safe in the database and the refund sweep sends any still PENDING after two minutes.
 */
export async function sendRefundJobs(refundIds: string[]): Promise<void> {
  if (refundIds.length === 0) return;
  try {
    await sendJobs(
      refundIds.map((refundId) => ({ name: QUEUES.paymentsRefund, data: { refundId } satisfies PaymentRefundJob, singletonKey: refundId })),
    );
  } catch (error) {
    console.error(
      `Could not queue ${refundIds.length} refund(s) for immediate sending (${error instanceof Error ? error.message : String(error)}); the refund sweep will send them.`,
    );
  }
}
