import type { Tx } from "../db/client";

/**
 * Retires the emails held back for `waitingFor` when what they waited for will not happen (the
 * checkout was cancelled or expired): WAITING → DISCARDED. They stay in the outbox for the record
 * and are never sent. Returns how many were discarded.
 */
export async function discardWaitingEmails(options: { tx: Tx; waitingFor: string }): Promise<number> {
  const { count } = await options.tx.emailMessage.updateMany({
    where: { waitingFor: options.waitingFor, status: "WAITING" },
    data: { status: "DISCARDED" },
  });
  return count;
}
