import { QUEUES, sendJobs, type JobRequest } from "../jobs/boss";

export type EmailDeliverJob = { messageId: string };

/**
 * One email.deliver job per message. The singleton key lets the queue hold at most one waiting job
 * per message (the queue's "short" policy), however often the sweep and deliverSoon ask.
 */
export function deliveryJobs(messageIds: string[], startAfter?: Date): JobRequest[] {
  return messageIds.map((messageId) => ({
    name: QUEUES.emailDeliver,
    data: { messageId } satisfies EmailDeliverJob,
    singletonKey: messageId,
    ...(startAfter ? { startAfter } : {}),
  }));
}

/**
 * Asks the worker to send these outbox messages now. Call it after the transaction that wrote them
 * has committed. Best effort: it never throws, because the messages are already safe in the
 * outbox and the worker's sweep sends anything due within a minute anyway.
 */
export async function deliverSoon(messageIds: string[]): Promise<void> {
  try {
    await sendJobs(deliveryJobs(messageIds));
  } catch (error) {
    console.error(
      `Could not queue ${messageIds.length} email(s) for immediate delivery (${error instanceof Error ? error.message : String(error)}); the outbox sweep will send them.`,
    );
  }
}
