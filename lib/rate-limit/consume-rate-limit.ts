import type { Db } from "../db/client";

// Fixed-window counters in PostgreSQL, shared by every app instance: one atomic upsert per attempt,
// so parallel requests can never all read "4 of 5" and all pass. Windows are aligned to the epoch
// (a 15-minute window runs 10:00–10:15, 10:15–10:30, …). Generic: the key names what is limited,
// e.g. "sign-in:email:sam@example.com" or "booking:ip:203.0.113.9".

/** Buckets are pruned a day after they start, so no window may be longer than that. */
export const MAX_WINDOW_SECONDS = 24 * 60 * 60;

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/** Counts one attempt. Takes the client, not a transaction: an attempt counts even if the work it guards rolls back. */
export async function consumeRateLimit(
  db: Db,
  options: { key: string; limit: number; windowSeconds: number; now?: Date },
): Promise<RateLimitResult> {
  const { key, limit, windowSeconds } = options;
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) {
    throw new RangeError(`windowSeconds must be a whole number from 1 to ${MAX_WINDOW_SECONDS}`);
  }
  const now = options.now ?? new Date();
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [{ count }] = await db.$queryRaw<Array<{ count: number }>>`
    INSERT INTO rate_limit_buckets (key, window_start, count)
    VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_buckets.count + 1
    RETURNING count`;
  const allowed = count <= limit;
  return {
    allowed,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)),
  };
}

/** Deletes buckets that started more than a day ago (every window has ended by then): the worker's sweep calls it. */
export async function pruneRateLimits(db: Db, now: Date = new Date()): Promise<number> {
  const { count } = await db.rateLimitBucket.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - MAX_WINDOW_SECONDS * 1000) } },
  });
  return count;
}
