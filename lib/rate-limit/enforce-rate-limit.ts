import type { Db } from "../db/client";
import { RateLimitedError } from "../errors";
import { aboutMinutes } from "./about-minutes";
import { consumeRateLimit } from "./consume-rate-limit";

/**
 * Counts one attempt in a bucket; over its limit, a 429 whose message says how long to wait
 * (`message` gets "about N minutes") and carries Retry-After.
 */
export async function enforceRateLimit(
  db: Db,
  bucket: { key: string; limit: number; windowSeconds: number; now?: Date },
  message: (wait: string) => string,
): Promise<void> {
  const result = await consumeRateLimit(db, bucket);
  if (!result.allowed) throw new RateLimitedError(message(aboutMinutes(result.retryAfterSeconds)), result.retryAfterSeconds);
}
