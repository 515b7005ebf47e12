import type { Tx } from "../db/client";
import { calendarDateInZone } from "../time/zone";

/**
 * Queues, until the transaction ends, every booking change that lands on one of the coach's
 * calendar dates (the date of the session's start in her zone). Two reasons:
 * - the daily cap is counted on committed rows: the exclusion constraint stops overlaps but cannot
 *   count;
 * - a crowd asking for one slot waits in line instead of racing into the exclusion index, where
 *   concurrent inserts wait on each other's uncommitted rows and PostgreSQL must break deadlock
 *   cycles one per second (seen with 50 requests: deadlocks, then pool timeouts).
 * Take it first in the transaction, before any row is written. Other dates and coaches never wait.
 */
export async function lockCoachDate(options: { tx: Tx; coachId: string; coachTimeZone: string; start: Date }): Promise<void> {
  const key = `booking-day:${options.coachId}:${calendarDateInZone(options.start, options.coachTimeZone)}`;
  await options.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}
