import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { poolConfigFromUrl } from "@/lib/db/connection";
import { deliverSoon } from "@/lib/email/deliver-soon";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { closeJobSender } from "@/lib/jobs/boss";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { startSmtpSink } from "../helpers/smtp-sink";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The real pg-boss worker against the test database and a real SMTP server: what `npm start` runs.

let database: TestDatabase;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let worker: Worker | undefined;
const previousDatabaseUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  [database, sink] = await Promise.all([createTestDatabase(), startSmtpSink({})]);
  // deliverSoon sends through the web side's sender, which reads DATABASE_URL like the app does.
  process.env.DATABASE_URL = database.url;
});

afterAll(async () => {
  await worker?.stop();
  await closeJobSender();
  await sink?.close();
  await database?.drop();
  process.env.DATABASE_URL = previousDatabaseUrl;
});

const queue = (subject: string) =>
  enqueueEmail(database.db, { to: "client@example.com", template: "test", subject, html: `<p>${subject}</p>`, text: subject });

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function jobStates(messageId: string): Promise<string[]> {
  const client = new pg.Client(poolConfigFromUrl(database.url));
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string }>("SELECT state FROM pgboss.job WHERE singleton_key = $1", [messageId]);
    return rows.map((row) => row.state);
  } finally {
    await client.end();
  }
}

describe("the job worker", () => {
  it("keeps messages PENDING without an SMTP server, and deliverSoon never throws", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const early = await queue("Queued before any worker ran");
    // pg-boss's schema does not exist yet: deliverSoon logs and returns.
    await expect(deliverSoon([early.id])).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("the outbox sweep will send them"));
    errors.mockRestore();

    const quiet = await startWorker({ databaseUrl: database.url });
    try {
      const message = await queue("Stays in the outbox");
      await deliverSoon([message.id]);
      await waitFor(async () => ((await jobStates(message.id)).includes("completed") ? true : undefined), "the job to finish");
      const rows = await database.db.emailMessage.findMany({ select: { status: true, attempts: true } });
      expect(rows).toEqual([
        { status: "PENDING", attempts: 0 },
        { status: "PENDING", attempts: 0 },
      ]);
    } finally {
      await quiet.stop();
    }
    expect(sink.messages).toHaveLength(0);
  });

  it("sweeps up what is due when it starts, and sends what deliverSoon asks for within seconds", async () => {
    worker = await startWorker({ databaseUrl: database.url, smtpUrl: sink.url });
    // Both messages from the first test: their jobs were lost or completed, only the sweep finds them.
    await waitFor(() => (sink.messages.length >= 2 ? true : undefined), "the sweep to send the waiting messages");
    expect(sink.messages.map((message) => message.subject).sort()).toEqual(["Queued before any worker ran", "Stays in the outbox"]);

    const message = await queue("Sent right away");
    const started = Date.now();
    await deliverSoon([message.id]);
    await waitFor(() => sink.messages.find((each) => each.subject === "Sent right away"), "the message to arrive");
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(
      async () => ((await database.db.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).status === "SENT" ? true : undefined),
      "the row to be marked SENT",
    );
    expect(sink.messages).toHaveLength(3);

    await worker.stop();
    worker = undefined;
    const rows = await database.db.emailMessage.findMany({ select: { status: true, attempts: true } });
    expect(rows).toEqual(Array.from({ length: 3 }, () => ({ status: "SENT", attempts: 1 })));
  });
});

/** An SMTP server that holds each message until released: the delivery job stays running meanwhile. */
async function heldSink() {
  let release!: () => void;
  let arrived!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = new Promise<void>((resolve) => (arrived = resolve));
  const server = await startSmtpSink({
    holdData: () => {
      arrived();
      return released;
    },
  });
  return { server, held, release };
}

/**
 * Runs `stop` and then lingers a moment, because pg-boss finishes some work unawaited (completing
 * the last jobs, a fetch in flight): anything that ran after the pool closed fails within that time.
 */
async function watchShutdown(stop: () => Promise<void>) {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on("unhandledRejection", onRejection);
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const ends = vi.spyOn(pg.Pool.prototype, "end");
  try {
    await stop();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const pools = (ends.mock.contexts as pg.Pool[]).filter((pool) => pool.options.application_name === "coaching-worker-jobs");
    return { rejections, errors: errors.mock.calls.map((call) => call.map(String).join(" ")), pools };
  } finally {
    process.off("unhandledRejection", onRejection);
    errors.mockRestore();
    ends.mockRestore();
  }
}

async function messageStatus(id: string) {
  return (await database.db.emailMessage.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
}

describe("stopping the worker", () => {
  it("finishes the job in hand before closing its connections, once however often it is asked", async () => {
    const sink = await heldSink();
    const stopping = await startWorker({ databaseUrl: database.url, smtpUrl: sink.server.url });
    try {
      const message = await queue("Sent while stopping");
      await deliverSoon([message.id]);
      await sink.held;

      const shutdown = await watchShutdown(async () => {
        const stops = [stopping.stop(), stopping.stop()];
        setTimeout(sink.release, 700);
        await Promise.all([...stops, stopping.stop()]);
      });

      expect(shutdown.rejections).toEqual([]);
      expect(shutdown.errors).toEqual([]);
      expect(shutdown.pools).toHaveLength(1);
      expect(shutdown.pools[0]).toMatchObject({ ended: true, totalCount: 0 });
      expect(await messageStatus(message.id)).toBe("SENT");
      // pg-boss recorded the job as done: its last query ran before the pool closed.
      expect(await jobStates(message.id)).toEqual(["completed"]);
    } finally {
      sink.release();
      await stopping.stop();
      await sink.server.close();
    }
  });

  it("waits for a job that outlives the grace period too, so nothing runs against closed connections", async () => {
    const sink = await heldSink();
    const stopping = await startWorker({ databaseUrl: database.url, smtpUrl: sink.server.url, stopTimeoutMs: 1_000 });
    try {
      const message = await queue("Slower than the grace period");
      await deliverSoon([message.id]);
      await sink.held;

      const shutdown = await watchShutdown(async () => {
        setTimeout(sink.release, 1_600);
        await stopping.stop();
      });

      expect(shutdown.rejections).toEqual([]);
      expect(shutdown.errors).toEqual([]);
      expect(shutdown.pools).toHaveLength(1);
      expect(shutdown.pools[0]).toMatchObject({ ended: true, totalCount: 0 });
      expect(await messageStatus(message.id)).toBe("SENT");
      // pg-boss gave up on the job when the grace period ended; a retry finds the row SENT and sends nothing.
      expect(await jobStates(message.id)).not.toContain("active");
    } finally {
      sink.release();
      await stopping.stop();
      await sink.server.close();
    }
  });
});
