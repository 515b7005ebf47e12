import { config } from "../config";
import type { Db } from "../db/client";
import { deliverSoon } from "../email/deliver-soon";
import { enqueueEmail } from "../email/enqueue-email";
import { refundFailedEmail } from "../email/templates/refund-failed";
import { ProviderRejectedError } from "../errors";
import type { PaymentProvider } from "./provider";
import { refundedStatus } from "./refunded-status";

/** Provider failures that are not a clear "no" are retried; after this many attempts the refund is marked FAILED. */
export const MAX_REFUND_ATTEMPTS = 20;
const MAX_ERROR_LENGTH = 1_000;

/**
 * Sends one PENDING refund to the provider and records the answer. The idempotency key
 * `refund-<refundId>` makes any number of calls (job retries, the sweep, two workers at once) one
 * refund at the provider; every write is conditional on PENDING, so the first answer recorded
 * stands. A provider "pending" counts as succeeded here: the provider has accepted the refund and
 * finishes it on its side. A clear refusal (ProviderRejectedError) or too many failed attempts
 * mark it FAILED: its amount no longer counts as refunded, and the coach is emailed.
 */
export async function executeRefund(options: { db: Db; provider: PaymentProvider; refundId: string }): Promise<"succeeded" | "failed" | "retry"> {
  const { db, provider, refundId } = options;
  const refund = await db.refund.findUnique({
    where: { id: refundId },
    select: {
      status: true,
      amountCents: true,
      reason: true,
      attempts: true,
      order: { select: { id: true, provider: true, paymentIntentId: true, checkoutId: true, email: true, currency: true, items: { select: { title: true } } } },
    },
  });
  if (!refund) return "failed";
  if (refund.status === "SUCCEEDED") return "succeeded";
  if (refund.status === "FAILED") return "failed";
  const { order } = refund;
  if (order.provider !== provider.name) {
    // Configured for another provider now (test mode switched to Stripe, say): leave it for a worker that has the right one.
    await recordError(db, refundId, `This refund belongs to ${order.provider}, but the worker runs with ${provider.name}.`);
    return "retry";
  }

  const attempts = refund.attempts + 1;
  await db.refund.updateMany({ where: { id: refundId, status: "PENDING" }, data: { attempts: { increment: 1 } } });
  try {
    const result = await provider.refund({
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
    await markFailed({ db, refundId, error: "The provider reported the refund as failed." });
    return "failed";
  } catch (cause) {
    const error = (cause instanceof Error ? cause.message : String(cause)).slice(0, MAX_ERROR_LENGTH);
    if (cause instanceof ProviderRejectedError || attempts >= MAX_REFUND_ATTEMPTS) {
      await markFailed({ db, refundId, error });
      return "failed";
    }
    await recordError(db, refundId, error);
    return "retry";
  }
}

async function recordError(db: Db, refundId: string, error: string) {
  await db.refund.updateMany({ where: { id: refundId, status: "PENDING" }, data: { lastError: error } });
}

/** FAILED, its amount taken back out of refundedCents (order row locked), and the coach told. */
async function markFailed(options: { db: Db; refundId: string; error: string }) {
  const { db, refundId, error } = options;
  const messageId = await db.$transaction(async (tx) => {
    const [refund] = await tx.refund.updateManyAndReturn({
      where: { id: refundId, status: "PENDING" },
      data: { status: "FAILED", lastError: error },
      select: { orderId: true, amountCents: true },
    });
    if (!refund) return null;
    await tx.$queryRaw`SELECT id FROM orders WHERE id = ${refund.orderId} FOR UPDATE`;
    const order = await tx.order.findUniqueOrThrow({
      where: { id: refund.orderId },
      select: { totalCents: true, refundedCents: true, email: true, currency: true, items: { select: { title: true } } },
    });
    const refundedCents = Math.max(0, order.refundedCents - refund.amountCents);
    await tx.order.update({ where: { id: refund.orderId }, data: { refundedCents, status: refundedStatus(refundedCents, order.totalCents) } });
    await tx.auditLog.create({ data: { action: "refund.failed", entityType: "Refund", entityId: refundId, data: { orderId: refund.orderId, error } } });
    const email = refundFailedEmail({
      orderId: refund.orderId,
      buyerEmail: order.email,
      subject: order.items.map((item) => item.title).join("; "),
      amountCents: refund.amountCents,
      currency: order.currency,
      error,
      ordersUrl: `${config().APP_URL}/admin/bookings`,
    });
    return (await enqueueEmail(tx, { ...email, to: config().COACH_EMAIL, template: "refund-failed" })).id;
  });
  console.error(`[payments] refund ${refundId} failed: ${error}`);
  if (messageId) await deliverSoon([messageId]);
}
