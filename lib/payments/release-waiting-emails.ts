import type { Tx } from "../db/client";

/**
 * Makes the emails held back for `waitingFor` (e.g. "order:<id>") deliverable now: WAITING →
 * PENDING, due at `now`. Conditional on WAITING, so a second call (a duplicate webhook, the success
 * page racing the webhook) releases nothing and nothing is sent twice. Returns the ids released,
 * for deliverSoon after commit.
 */
export async function releaseWaitingEmails(options: { tx: Tx; waitingFor: string; now: Date }): Promise<string[]> {
  const released = await options.tx.emailMessage.updateManyAndReturn({
    where: { waitingFor: options.waitingFor, status: "WAITING" },
    data: { status: "PENDING", nextAttemptAt: options.now },
    select: { id: true },
  });
  return released.map((message) => message.id);
}
