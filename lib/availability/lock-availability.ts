import type { Tx } from "../db/client";

/**
 * Serialises every change to one coach's availability: the coach's user row is locked until the
 * transaction ends, so two saves of the same weekday (two tabs, a double click) apply one after the
 * other instead of both deleting and both inserting. Reads are never blocked.
 */
export async function lockAvailability(tx: Tx, coachId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM users WHERE id = ${coachId} FOR UPDATE`;
}
