import type { Db } from "../db/client";
import { deliverSoon } from "../email/deliver-soon";
import { ProviderRejectedError } from "../errors";
import { failRefund } from "./fail-refund";
import type { PaymentProvider } from "./provider";

/** Provider failures that are not a clear "no" are retried; after this many attempts the refund is marked FAILED. */
export const MAX_REFUND_ATTEMPTS = 20;
const MAX_ERROR_LENGTH = 1_000;

/**
 * Sends one PENDING refund to the provider and records the answer. The idempotency key
 * `refund-<refundId>` makes any number of calls (job retries, the sweep, two workers at once) one
 * refund at the provider; every write is conditional on PENDING, so the first answer recorded
 * (here, or from the refund's own webhook) stands. A provider "pending" counts as succeeded here: the
 * provider has accepted the refund and finishes it on its side; should it fail there later, its
 * refund.failed event undoes it (applyRefundUpdate). A clear refusal (ProviderRejectedError) marks it
 * FAILED (failRefund): its amount no longer counts as refunded, and the coach is emailed. Every call
 * counts an attempt, including one that can't reach the order's provider (`provider` null: this
 * installation has no key for it; or another provider's), so a refund nobody can send ends too:
 * after MAX_REFUND_ATTEMPTS it is FAILED as "unconfirmed", because a request that timed out may
 * still have been carried out, and the coach is asked to check before refunding again.
 */
export async function executeRefund(options: { db: Db; provider: PaymentProvider | null; refundId: string }): Promise<"succeeded" | "failed" | "retry"> {
  const { db, provider, refundId } = options;
  const refund = await db.refund.findUnique({
    where: { id: refundId },
    select: {
      status: true,
      amountCents: true,
      reason: true,
      attempts: true,
      order: { select: { provider: true, paymentIntentId: true, checkoutId: true } },
    },
  });
  if (!refund) return "failed";
  if (refund.status === "SUCCEEDED") return "succeeded";
  if (refund.status === "FAILED") return "failed";
  const { order } = refund;

  const attempts = refund.attempts + 1;
  await db.refund.updateMany({ where: { id: refundId, status: "PENDING" }, data: { attempts: { increment: 1 } } });
  const unanswered = (error: string) => (attempts >= MAX_REFUND_ATTEMPTS ? markFailed({ db, refundId, error, stage: "unconfirmed" }) : recordError(db, refundId, error));
  if (!provider || order.provider !== provider.name) {
    // Configured for another provider now (test mode switched to Stripe, say), or the key is missing here.
    return unanswered(
      provider
        ? `This refund belongs to ${order.provider}, but the worker runs with ${provider.name}, so it couldn't be sent.`
        : `This refund belongs to ${order.provider}, which isn't configured where the worker runs, so it couldn't be sent.`,
    );
  }
  try {
    const result = await provider.refund({
      refundId,
      // Test mode has no payment intent; its checkout id stands in.
      paymentIntentId: order.paymentIntentId ?? order.checkoutId ?? "",
      amountCents: refund.amountCents,
      idempotencyKey: `refund-${refundId}`,
      reason: refund.reason ?? undefined,
    });
    if (result.status !== "failed") {
      await db.refund.updateMany({ where: { id: refundId, status: "PENDING" }, data: { status: "SUCCEEDED", providerRefundId: result.id, lastError: null } });
      return "succeeded";
    }
    return markFailed({ db, refundId, error: "The provider reported the refund as failed.", stage: "refused" });
  } catch (cause) {
    const error = (cause instanceof Error ? cause.message : String(cause)).slice(0, MAX_ERROR_LENGTH);
    if (cause instanceof ProviderRejectedError) return markFailed({ db, refundId, error, stage: "refused" });
    return unanswered(error);
  }
}

async function recordError(db: Db, refundId: string, error: string): Promise<"retry"> {
  await db.refund.updateMany({ where: { id: refundId, status: "PENDING" }, data: { lastError: error } });
  return "retry";
}

/**
 * FAILED from PENDING (a webhook may have recorded Stripe's acceptance meanwhile: then it stands), and
 * the coach told: `refused` after a clear "no", `unconfirmed` when no clear answer ever came.
 */
async function markFailed(options: { db: Db; refundId: string; error: string; stage: "refused" | "unconfirmed" }): Promise<"failed"> {
  const { db, refundId, error, stage } = options;
  const messageId = await db.$transaction((tx) => failRefund({ tx, refundId, from: ["PENDING"], error, stage }));
  console.error(`[payments] refund ${refundId} failed: ${error}`);
  if (messageId) await deliverSoon([messageId]);
  return "failed";
}
