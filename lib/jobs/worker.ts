import type { Pool } from "pg";
import type PgBoss from "pg-boss";
import { pruneSignInTokens } from "../auth/prune-sign-in-tokens";
import { findDueReminders } from "../booking/find-due-reminders";
import type { BookingReminderJob } from "../booking/schedule-reminders";
import { sendBookingReminder } from "../booking/send-booking-reminder";
import { createDb, type Db } from "../db/client";
import { deliverEmail } from "../email/deliver-email";
import { deliveryJobs, type EmailDeliverJob } from "../email/deliver-soon";
import { findDueEmails } from "../email/find-due-emails";
import { createMailTransport } from "../email/transport";
import { NotAvailableYetError } from "../errors";
import { executeRefund } from "../payments/execute-refund";
import { expireUnpaidHolds } from "../payments/expire-unpaid-holds";
import { findStaleRefunds } from "../payments/find-stale-refunds";
import { getPaymentProvider } from "../payments/get-payment-provider";
import type { PaymentProvider, ProviderName } from "../payments/provider";
import type { PaymentRefundJob } from "../payments/send-refund-jobs";
import { createTestProvider } from "../payments/test-provider";
import { pruneRateLimits } from "../rate-limit/consume-rate-limit";
import { createBoss, QUEUES, type QueueName } from "./boss";

// pg-boss 10 silently drops jobs sent to a queue that does not exist, so the worker creates every
// queue before anything runs. Queue-level retries cover failures outside SMTP (say, the database
// is unreachable mid-job); SMTP failures are recorded on the outbox row, which keeps its own
// backoff (deliver-email.ts) so the coach can see them.
const QUEUE_OPTIONS: Record<QueueName, Omit<PgBoss.Queue, "name">> = {
  // "short": at most one waiting job per singleton key (the message id).
  [QUEUES.emailDeliver]: { policy: "short", retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 5 * 60 },
  // Every minute: queue due outbox messages, prune old rate-limit buckets and expired sign-in
  // tokens. A failed sweep is not retried: the next one runs a minute later and does the same work.
  [QUEUES.emailSweep]: { policy: "standard", retryLimit: 0, expireInSeconds: 60 },
  // "short": one waiting job per reminder (booking, offset, start); a rerun after a failure is
  // harmless because booking_reminders makes "sent twice" impossible.
  [QUEUES.bookingReminder]: { policy: "short", retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 5 * 60 },
  // Every five minutes: send reminders that fell due within the last hour and whose job was lost.
  [QUEUES.bookingReminderSweep]: { policy: "standard", retryLimit: 0, expireInSeconds: 5 * 60 },
  // Every minute: release lapsed holds and expire their checkouts. The next run redoes a failed one.
  [QUEUES.paymentsExpireHolds]: { policy: "standard", retryLimit: 0, expireInSeconds: 60 },
  // "short": one waiting job per refund id. A provider failure throws, so pg-boss retries with
  // backoff (30 s, 1 min, 2 min, …); the provider call's idempotency key makes every retry the same refund.
  [QUEUES.paymentsRefund]: { policy: "short", retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 5 * 60 },
  // Every five minutes: refunds still PENDING whose job was lost or keeps failing.
  [QUEUES.paymentsRefundSweep]: { policy: "standard", retryLimit: 0, expireInSeconds: 5 * 60 },
};

const SWEEP_CRON = "* * * * *";
const REMINDER_SWEEP_CRON = "*/5 * * * *";
const EXPIRE_HOLDS_CRON = "* * * * *";
const REFUND_SWEEP_CRON = "*/5 * * * *";

/**
 * The provider an order was made with, or null when this installation can't reach it (Stripe
 * without a key). Test mode reads the worker's own database handle: the worker may run against a
 * database that DATABASE_URL doesn't name (the embedded one).
 */
function providerNamed(name: ProviderName, db: Db): PaymentProvider | null {
  if (name === "TEST") return createTestProvider({ db });
  try {
    return getPaymentProvider({ name });
  } catch (error) {
    if (error instanceof NotAvailableYetError) return null;
    throw error;
  }
}

export type Worker = { stop: () => Promise<void> };

/**
 * How long each phase of stop() (pg-boss's graceful stop, then the drain) waits for the jobs in hand,
 * unless startWorker is told otherwise. Both phases fit inside the 10 s that `npm start` and Docker
 * give a process before SIGKILL; a job cut short is retried, and every job is safe to run twice.
 */
const STOP_TIMEOUT_MS = 4_000;

// pg-boss records a handler's error on the job and retries quietly; the operator should see it too.
function logFailures<T>(queue: QueueName, handler: PgBoss.WorkHandler<T>): PgBoss.WorkHandler<T> {
  return async (jobs) => {
    try {
      return await handler(jobs);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[worker] ${queue} job failed (retried if its queue allows): ${message}`);
      throw error;
    }
  };
}

/**
 * Resolves once no handler runs and the pool has no query in flight or waiting, or after
 * `timeoutMs`; false if work was still going on then. Checked on a timer, so a query that pg-boss
 * sends in the same tick a handler finishes (marking its job complete) is already counted.
 */
async function quiesce(running: Set<Promise<unknown>>, pool: Pool, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const busy = running.size > 0 || pool.waitingCount > 0 || pool.totalCount > pool.idleCount;
    if (!busy) return true;
    if (Date.now() >= deadline) return false;
  }
}

/**
 * The job worker: creates (or migrates) pg-boss's schema, its queues and the cron schedule, then
 * processes jobs until stop(). Several workers may run at once; every job is safe to run twice.
 * Without an SMTP URL it sends nothing: messages stay PENDING, readable in the admin outbox.
 */
export async function startWorker(options: {
  databaseUrl: string;
  smtpUrl?: string;
  /** How long each phase of stop() waits for the jobs in hand before giving up on them (STOP_TIMEOUT_MS). */
  stopTimeoutMs?: number;
}): Promise<Worker> {
  const log = (line: string) => console.log(`[worker] ${line}`);
  const stopTimeoutMs = options.stopTimeoutMs ?? STOP_TIMEOUT_MS;
  const db = createDb(options.databaseUrl, { max: 4 });
  const transport = options.smtpUrl ? createMailTransport(options.smtpUrl) : null;
  const { boss, pool } = createBoss(options.databaseUrl, { role: "worker", max: 4 });
  const running = new Set<Promise<unknown>>();

  // Every handler is counted while it runs, so stopping can wait for the ones pg-boss stops waiting for.
  const work = async <T>(queue: QueueName, handler: PgBoss.WorkHandler<T>, workOptions: PgBoss.WorkOptions = {}) => {
    const logged = logFailures(queue, handler);
    await boss.work<T>(queue, workOptions, (jobs) => {
      const run = logged(jobs);
      running.add(run);
      return run.finally(() => running.delete(run));
    });
  };

  // pg-boss 10.4's stop() waits (up to the timeout) for the jobs in hand, fails any left over, emits
  // "stopped" and then resolves, but the end of its work isn't the end of its queries: it marks the
  // last jobs complete or failed without awaiting that, a fetch already sent may still hand a job to
  // a handler, and a handler past the timeout keeps running (it uses `db` and the pool too). A
  // second stop() while the first runs returns at once. So: stop once, then wait until handlers and
  // pool are idle (as long again at most) before closing anything; closing early turns those late
  // queries into "Cannot use a pool after calling end on the pool" and unhandled rejections.
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      try {
        await boss.stop({ graceful: true, timeout: stopTimeoutMs });
      } finally {
        if (!(await quiesce(running, pool, stopTimeoutMs))) console.error(`[worker] closing its connections with ${running.size} job(s) still running`);
        await pool.end();
        transport?.close();
        await db.$disconnect();
      }
    })());

  try {
    await boss.start();
    for (const [name, queueOptions] of Object.entries(QUEUE_OPTIONS)) {
      // createQueue leaves an existing queue alone; updateQueue brings its policy up to date.
      await boss.createQueue(name, { name, ...queueOptions });
      await boss.updateQueue(name, { name, ...queueOptions });
    }
    await boss.schedule(QUEUES.emailSweep, SWEEP_CRON);
    await boss.schedule(QUEUES.bookingReminderSweep, REMINDER_SWEEP_CRON);
    await boss.schedule(QUEUES.paymentsExpireHolds, EXPIRE_HOLDS_CRON);
    await boss.schedule(QUEUES.paymentsRefundSweep, REFUND_SWEEP_CRON);

    const deliver = async (jobs: PgBoss.Job<EmailDeliverJob>[]) => {
      if (!transport) return;
      for (const { data } of jobs) {
        const outcome = await deliverEmail({ db, messageId: data.messageId, transport });
        if (outcome.status === "sent") log(`email ${data.messageId} sent`);
        if (outcome.status === "failed") log(`email ${data.messageId} failed for good: ${outcome.error}`);
        if (outcome.status === "retry") {
          log(`email ${data.messageId} not sent (${outcome.error}); next attempt at ${outcome.nextAttemptAt.toISOString()}`);
          // The row is due again at nextAttemptAt; a job waiting until then is more punctual than the sweep.
          await boss.insert(deliveryJobs([data.messageId], outcome.nextAttemptAt));
        }
      }
    };
    const sweep = async () => {
      if (transport) {
        const due = await findDueEmails({ db });
        if (due.length) await boss.insert(deliveryJobs(due));
      }
      await pruneRateLimits(db);
      await pruneSignInTokens(db);
    };
    // The reminder goes into the outbox with its booking_reminders row; delivery is the email queue's.
    const remind = async (reminder: BookingReminderJob) => {
      const outcome = await sendBookingReminder({ db, ...reminder, startsAt: new Date(reminder.startsAt) });
      if (outcome.status === "sent") {
        log(`reminder for booking ${reminder.bookingId} (${reminder.offsetMinutes} min) written to the outbox`);
        await boss.insert(deliveryJobs([outcome.messageId]));
      }
    };
    const sendReminders = async (jobs: PgBoss.Job<BookingReminderJob>[]) => {
      for (const { data } of jobs) await remind(data);
    };
    const sweepReminders = async () => {
      for (const reminder of await findDueReminders({ db })) await remind(reminder);
    };

    const expireHolds = async () => {
      for (const name of ["STRIPE", "TEST"] as const) {
        const provider = providerNamed(name, db);
        if (!provider) continue;
        const closed = await expireUnpaidHolds({ db, provider });
        if (closed) log(`${closed} unpaid ${name === "TEST" ? "test-mode " : ""}checkout(s) expired and their holds released`);
      }
    };
    // "retry" throws, so the queue retries with backoff; "failed" is final and already recorded (and the coach emailed).
    // Without the order's provider (no Stripe key here) it still counts an attempt, so it ends FAILED too.
    const refund = async (refundId: string, provider: PaymentProvider | null) => {
      const outcome = await executeRefund({ db, provider, refundId });
      log(`refund ${refundId}: ${outcome}`);
      if (outcome === "retry") throw new Error(`refund ${refundId} not accepted by the provider yet; retrying`);
    };
    const sendRefunds = async (jobs: PgBoss.Job<PaymentRefundJob>[]) => {
      for (const { data } of jobs) {
        const row = await db.refund.findUnique({ where: { id: data.refundId }, select: { order: { select: { provider: true } } } });
        if (row) await refund(data.refundId, providerNamed(row.order.provider, db));
      }
    };
    const sweepRefunds = async () => {
      for (const stale of await findStaleRefunds({ db })) {
        // One stuck refund must not keep the others waiting.
        await refund(stale.id, providerNamed(stale.provider, db)).catch((error: unknown) => log(error instanceof Error ? error.message : String(error)));
      }
    };

    // Polled every second: someone may be waiting for a sign-in link.
    await work(QUEUES.emailDeliver, deliver, { pollingIntervalSeconds: 1 });
    await work(QUEUES.emailSweep, sweep);
    await work(QUEUES.bookingReminder, sendReminders);
    await work(QUEUES.bookingReminderSweep, sweepReminders);
    await work(QUEUES.paymentsExpireHolds, expireHolds);
    await work(QUEUES.paymentsRefund, sendRefunds);
    await work(QUEUES.paymentsRefundSweep, sweepRefunds);

    // Sweep once now rather than at the next full minute: mail queued while no worker ran goes out,
    // and reminders that fell due while it was down are sent.
    await boss.send(QUEUES.emailSweep, {});
    await boss.send(QUEUES.bookingReminderSweep, {});
    await boss.send(QUEUES.paymentsExpireHolds, {});
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }

  log(transport ? "started; sending email" : "started; SMTP_URL is not set, so emails stay in the outbox (Admin → Outbox)");
  return { stop: stopAll };
}
