import type { Tx } from "../db/client";

/**
 * Makes the emails held back for `waitingFor` (e.g. "order:<id>") deliverable now: → PENDING, due at
 * `now`. DISCARDED ones come back too: they were retired when the checkout was cancelled or ran out,
 * and a payment that arrives after all and confirms the booking still owes the client its
 * confirmation (the manage link in it exists nowhere else). Only applyPaidOrder calls this, and only
 * the call that moved the order to PAID, so nothing is released twice; the status condition keeps a
 * sent message from being sent again. Returns the ids released, for deliverSoon after commit.
 */
export async function releaseWaitingEmails(options: { tx: Tx; waitingFor: string; now: Date }): Promise<string[]> {
  const released = await options.tx.emailMessage.updateManyAndReturn({
    where: { waitingFor: options.waitingFor, status: { in: ["WAITING", "DISCARDED"] } },
    data: { status: "PENDING", nextAttemptAt: options.now },
    select: { id: true },
  });
  return released.map((message) => message.id);
}
