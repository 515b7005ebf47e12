import type { Db, Tx } from "../db/client";
import { Prisma } from "../db/generated/client";

const ATTEMPTS = 3;
// deadlock_detected, serialization_failure
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001"]);
// Prisma's defaults (2 s to get a connection, 5 s to finish) turn a burst of requests for one slot
// into 500s while they queue for the pool and for each other's locks; these queue them instead.
const OPTIONS = { maxWait: 10_000, timeout: 10_000 };

/**
 * The transaction every booking change runs in. When PostgreSQL aborts it to break a deadlock, it
 * runs again: two inserts whose ranges overlap can each find the other's uncommitted row in the
 * exclusion index and wait for it, and PostgreSQL rolls one back (reported as P2034 with SQLSTATE
 * 40P01, not as the constraint's P2039). Run again, the victim sees the winner's committed row and
 * gets the usual 409.
 */
export async function runBookingTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, OPTIONS);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2034") return false;
  const code = (error.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)?.driverAdapterError?.cause?.originalCode;
  return code !== undefined && RETRYABLE_SQLSTATES.has(code);
}
