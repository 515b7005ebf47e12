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
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export type JobRequest = PgBoss.JobInsert & { name: QueueName };

type Sender = { boss: PgBoss; pool: pg.Pool };

const globalForJobs = globalThis as typeof globalThis & { __jobSender?: Promise<Sender> };

// The web process only inserts jobs: no maintenance, no cron clock, no schema migration (all of
// that is the worker's), and a small pool of its own so it can be dropped if start-up fails.
async function openSender(): Promise<Sender> {
  const url = config().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const pool = new pg.Pool({
    ...poolConfigFromUrl(url),
    application_name: "coaching-web-jobs",
    max: 2,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 10_000,
  });
  pool.on("error", (error) => console.error(`job queue connection lost: ${error.message}`));
  const boss = new PgBoss({
    db: { executeSql: (text, values) => pool.query(text, values) },
    supervise: false,
    schedule: false,
    migrate: false,
  });
  boss.on("error", (error) => console.error(`job queue error: ${error.message}`));
  try {
    // Fails with "pg-boss is not installed" until the worker has created pg-boss's schema once.
    await boss.start();
    return { boss, pool };
  } catch (error) {
    await pool.end();
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
  await opened.boss.stop({ graceful: false, close: false });
  await opened.pool.end();
}
