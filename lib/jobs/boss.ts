import pg from "pg";
import PgBoss from "pg-boss";
import { config } from "../config";
import { poolConfigFromUrl } from "../db/connection";

// pg-boss keeps its tables in its own schema ("pgboss") of the app's database: jobs need no other
// service, and app instances coordinate through PostgreSQL (SKIP LOCKED) as they do for everything.

/** Every queue the app uses. The worker creates them with their policies (see worker.ts). */
export const QUEUES = {
  emailDeliver: "email.deliver",
  emailSweep: "email.sweep",
  bookingReminder: "booking.reminder",
  bookingReminderSweep: "booking.reminder-sweep",
  paymentsExpireHolds: "payments.expire-holds",
  paymentsRefund: "payments.refund",
  paymentsRefundSweep: "payments.refund-sweep",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export type JobRequest = PgBoss.JobInsert & { name: QueueName };

/**
 * A pg-boss instance over a pool the caller owns: pg-boss cannot close its own pool after a failed
 * start, and the caller decides the pool's size and name. Close with stop(), then pool.end().
 */
export function createBoss(databaseUrl: string, options: { role: "web" | "worker"; max: number } & PgBoss.ConstructorOptions) {
  const { role, max, ...bossOptions } = options;
  const pool = new pg.Pool({
    ...poolConfigFromUrl(databaseUrl),
    application_name: `coaching-${role}-jobs`,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 10_000,
  });
  // Neither a lost idle connection nor a failed maintenance run may crash the process.
  pool.on("error", (error) => console.error(`[${role}] job queue connection lost: ${error.message}`));
  const boss = new PgBoss({ ...bossOptions, db: { executeSql: (text, values) => pool.query(text, values) } });
  boss.on("error", (error) => console.error(`[${role}] job queue error: ${error.message}`));
  return { boss, pool };
}

type Sender = ReturnType<typeof createBoss>;

const globalForJobs = globalThis as typeof globalThis & { __jobSender?: Promise<Sender> };

// The web process only inserts jobs: no maintenance, no cron clock and no schema migration, which
// are all the worker's.
async function openSender(): Promise<Sender> {
  const url = config().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const sender = createBoss(url, { role: "web", max: 2, supervise: false, schedule: false, migrate: false });
  try {
    // Fails with "pg-boss is not installed" until the worker has created pg-boss's schema once.
    await sender.boss.start();
    return sender;
  } catch (error) {
    await sender.pool.end();
    throw error;
  }
}

function sender(): Promise<Sender> {
  // A failed start is forgotten so the next call tries again (e.g. once the worker is up).
  globalForJobs.__jobSender ??= openSender().catch((error: unknown) => {
    globalForJobs.__jobSender = undefined;
    throw error;
  });
  return globalForJobs.__jobSender;
}

/** Inserts jobs from the web process. Throws when the queue is unreachable: callers decide. */
export async function sendJobs(jobs: JobRequest[]): Promise<void> {
  if (jobs.length === 0) return;
  const { boss } = await sender();
  await boss.insert(jobs);
}

/** Closes the web-side sender (tests and orderly shutdown); the next send opens a new one. */
export async function closeJobSender(): Promise<void> {
  const pending = globalForJobs.__jobSender;
  globalForJobs.__jobSender = undefined;
  const opened = await pending?.catch(() => undefined);
  if (!opened) return;
  await opened.boss.stop({ graceful: false });
  await opened.pool.end();
}
