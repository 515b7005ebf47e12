import type { Db } from "../db/client";
import { enforceRateLimit } from "../rate-limit/enforce-rate-limit";

/**
 * Per IP address, shared by every app instance. A buyer tries a code or two and checks out once or
 * twice. Codes are words people can guess: this limit is what stops guessing, so a real code that
 * can't be used may still say why. Each checkout opens a payment page with the provider (and a paid
 * test-mode one sends a receipt), so checkouts are limited too. A guesser can drop the cart cookie
 * for free, so the network is what is counted.
 */
export const SHOP_ATTEMPTS_PER_IP = {
  coupon: { limit: 10, windowSeconds: 15 * 60 },
  checkout: { limit: 10, windowSeconds: 15 * 60 },
} as const;

/** Counts one attempt to apply a code or to check out from this network; over the limit, a calm 429. */
export async function limitShopAttempts(options: { db: Db; ip: string; attempt: keyof typeof SHOP_ATTEMPTS_PER_IP; now?: Date }): Promise<void> {
  const { db, ip, attempt, now } = options;
  await enforceRateLimit(db, { key: `shop-${attempt}:ip:${ip}`, ...SHOP_ATTEMPTS_PER_IP[attempt], now }, (wait) =>
    attempt === "coupon"
      ? `We've had several discount codes tried from your network in a short time. Please wait ${wait} and try again; your cart is just as you left it.`
      : `We've had several checkouts started from your network in a short time. Please wait ${wait} and try again; your cart is just as you left it, and nothing has been charged.`,
  );
}
