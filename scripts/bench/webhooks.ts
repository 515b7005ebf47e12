// POST /api/stripe/webhook under load: `next start` (production build) on PostgreSQL, 1,000 signed
// deliveries of 800 distinct Stripe events (200 duplicates, 20 %), shuffled, 16 in flight.
// Target (issue 4): exactly-once effects at >= 200 events/s on the 2-core machine.
//
// The events do real work. 800 paid bookings are made through createBooking's paid branch (HELD
// booking, PENDING order with its BOOKING item, WAITING confirmation emails, a Checkout Session in
// an in-process fake Stripe), so the rows are exactly what the booking flow leaves. The fake then
// produces the events Stripe would send:
//   - 700 checkout.session.completed → order PAID, booking CONFIRMED, 2 confirmations released + receipt;
//   - 50 checkout.session.expired    → order EXPIRED, booking EXPIRED, held-back emails discarded;
//   - 50 charge.refunded (full refund in Stripe's dashboard) for 50 orders paid during the warm-up
//     → order REFUNDED, booking CANCELLED by the coach, refund email + 2 cancellation emails.
// The warm-up (not measured) delivers those 50 orders' completed events, each twice.
// Afterwards the database is checked for exactly-once effects.
//
// Uses BENCH_DATABASE_URL (a PostgreSQL server; a fresh database is created and dropped) or the
// local default postgresql://postgres@127.0.0.1:5432/postgres.
// BENCH_CPU_PROF=<dir>: runs the server under `node --cpu-prof` and writes its profile there.
// BENCH_IN_PROCESS=1: no server; the route's two calls (parseStripeWebhook, processPaymentEvent) are
// made in this process with the same deliveries, to separate the domain's cost from HTTP and Next's.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import { createBooking } from "@/lib/booking/create-booking";
import { createDb, type Db } from "@/lib/db/client";
import { seedDatabase } from "@/lib/db/seed";
import { AppError } from "@/lib/errors";
import { closeJobSender } from "@/lib/jobs/boss";
import { startWorker } from "@/lib/jobs/worker";
import { parseStripeWebhook } from "@/lib/payments/parse-stripe-webhook";
import { processPaymentEvent } from "@/lib/payments/process-payment-event";
import type { PaymentProvider } from "@/lib/payments/provider";
import { createStripeProvider } from "@/lib/payments/stripe-provider";
import { startFakeStripe, type FakeStripe, type FakeStripeEvent } from "../../tests/helpers/fake-stripe";
import { createBenchDatabase, dropBenchDatabase, processTreeUsage, waitForHealth, withAdmin } from "../bench-support";
import { buildIfNeeded } from "../build-inputs";

const PORT = 3401;
const APP_URL = `http://localhost:${PORT}`;
const CONCURRENCY = 16;
const COMPLETED = 700;
const EXPIRED = 50;
const REFUNDED = 50;
const DISTINCT = COMPLETED + EXPIRED + REFUNDED; // 800
const DUPLICATES = 200;
const PRICE_CENTS = 9500;
const SESSION_SLUG = "bench-webhooks";
const WEBHOOK_SECRET = `whsec_bench${randomBytes(12).toString("hex")}`;
const STRIPE_KEY = "sk_test_bench";
const IN_PROCESS = process.env.BENCH_IN_PROCESS === "1";

// The bench process makes the bookings with the app's own code; its configuration is the server's.
process.env.APP_URL = APP_URL;
process.env.BOOKING_HOLD_MINUTES = "30";

/** Deterministic shuffles and picks (mulberry32), so every run sends the same sequence shape. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function createDatabase(): Promise<{ url: string; name: string }> {
  const { url, name } = await createBenchDatabase();
  try {
    // In-process mode queues its jobs (email delivery, reminders) through the app's own sender.
    process.env.DATABASE_URL = url;
    // The worker creates pg-boss's schema and queues, as `npm start` does; the web process only inserts jobs.
    // Its start-up sweeps are let finish first: stopping while pg-boss completes one ends the pool under it.
    const worker = await startWorker({ databaseUrl: url });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await worker.stop();
  } catch (error) {
    await dropBenchDatabase(name);
    throw error;
  }
  return { url, name };
}

type PaidOrder = { orderId: string; bookingId: string; checkoutId: string; email: string };

/**
 * 800 paid bookings through createBooking (a 15-minute paid type, the coach available around the
 * clock, so every quarter hour of the next nine days is a slot), 4 at a time.
 */
async function makePaidBookings(db: Db, fake: FakeStripe): Promise<PaidOrder[]> {
  await seedDatabase(db, { coachEmail: "coach@example.com" });
  const coach = await db.user.findFirstOrThrow({ where: { role: "COACH" }, select: { id: true } });
  await db.availabilityRule.deleteMany({ where: { coachId: coach.id } });
  await db.availabilityRule.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ coachId: coach.id, weekday, startMinute: 0, endMinute: 24 * 60, timeZone: "Europe/London" })),
  });
  await db.sessionType.create({
    data: {
      coachId: coach.id,
      slug: SESSION_SLUG,
      title: "Quarter-hour check-in",
      description: "A short paid session (benchmark data).",
      durationMinutes: 15,
      minimumNoticeMinutes: 60,
      horizonDays: 30,
      slotIntervalMinutes: 15,
      priceCents: PRICE_CENTS,
      currency: "GBP",
    },
  });
  const provider = createStripeProvider({ secretKey: STRIPE_KEY, apiUrl: fake.url });
  const first = Math.ceil((Date.now() + 2 * 3_600_000) / 3_600_000) * 3_600_000;
  const orders: PaidOrder[] = new Array(DISTINCT);
  let next = 0;
  const makeOne = async () => {
    for (let i = next++; i < DISTINCT; i = next++) {
      const email = `client${i}@example.com`;
      const created = await createBooking({
        db,
        provider,
        sessionTypeSlug: SESSION_SLUG,
        start: new Date(first + i * 15 * 60_000),
        name: `Client ${i}`,
        email,
        timeZone: "America/New_York",
      });
      if (created.booking.status !== "HELD" || !created.checkoutUrl) throw new Error(`booking ${i} was not held for payment`);
      const order = await db.order.findFirstOrThrow({
        where: { items: { some: { bookingId: created.booking.id } } },
        select: { id: true, checkoutId: true },
      });
      orders[i] = { orderId: order.id, bookingId: created.booking.id, checkoutId: order.checkoutId!, email };
    }
  };
  await Promise.all(Array.from({ length: 4 }, makeOne));
  return orders;
}

const serverTreeCpu = (pid: number) => {
  const usage = processTreeUsage(pid);
  return { user: usage.userSeconds, system: usage.systemSeconds };
};

/** CPU seconds per PostgreSQL backend serving one database (pg_stat_activity → /proc), by pid. */
async function postgresBackendCpu(database: string): Promise<Map<number, number> | null> {
  try {
    const pids = await withAdmin(async (c) => (await c.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [database])).rows);
    const cpu = new Map<number, number>();
    for (const { pid } of pids) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
        cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        // ended meanwhile
      }
    }
    return cpu;
  } catch {
    return null; // PostgreSQL on another machine or user
  }
}

/**
 * Samples the database's backends every 250 ms while `work` runs and returns the CPU seconds they
 * used meanwhile (a backend's last sample counts, so one that ends mid-run loses at most 250 ms).
 */
async function postgresCpuDuring<T>(database: string, work: () => Promise<T>): Promise<{ result: T; seconds: number | null }> {
  const first = await postgresBackendCpu(database);
  if (!first) return { result: await work(), seconds: null };
  const last = new Map(first);
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      for (const [pid, cpu] of (await postgresBackendCpu(database)) ?? []) last.set(pid, cpu);
    }
  })();
  const result = await work();
  sampling = false;
  await sampler;
  for (const [pid, cpu] of (await postgresBackendCpu(database)) ?? []) last.set(pid, cpu);
  let seconds = 0;
  for (const [pid, cpu] of last) seconds += cpu - (first.get(pid) ?? 0);
  return { result, seconds };
}

/** Busy CPU seconds of the whole machine so far (/proc/stat), to tell how much other work ran meanwhile. */
function machineBusySeconds(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}

type Delivery = { status: number; ms: number; outcome: string };
type Send = (payload: string, signature: string) => Promise<{ status: number; outcome: string }>;

/** A delivery as Stripe makes it, to `next start`. */
const sendOverHttp: Send = async (payload, signature) => {
  const response = await fetch(`http://127.0.0.1:${PORT}/api/stripe/webhook`, {
    method: "POST",
    // Stripe's own request headers; in particular no Accept-Encoding (fetch would ask for gzip).
    headers: {
      "content-type": "application/json; charset=utf-8",
      "stripe-signature": signature,
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      accept: "*/*; q=0.5, application/xml",
      "cache-control": "no-cache",
      "accept-encoding": "identity",
    },
    body: payload,
  });
  const body = (await response.json().catch(() => ({}))) as { outcome?: string; error?: { code?: string } };
  return { status: response.status, outcome: body.outcome ?? body.error?.code ?? "" };
};

/** BENCH_IN_PROCESS=1: what the route does, without HTTP and Next (the domain's own cost). */
function sendInProcess(db: Db, provider: PaymentProvider): Send {
  return async (payload, signature) => {
    try {
      const event = parseStripeWebhook({ rawBody: payload, signature, secret: WEBHOOK_SECRET });
      return { status: 200, outcome: (await processPaymentEvent({ db, provider, event })).outcome };
    } catch (error) {
      return { status: error instanceof AppError && error.status < 500 ? error.status : 500, outcome: error instanceof Error ? error.message : String(error) };
    }
  };
}

/** Sends every event signed at send time (Stripe's timestamped signature), `CONCURRENCY` in flight. */
async function deliver(fake: FakeStripe, events: FakeStripeEvent[], send: Send): Promise<Delivery[]> {
  const results: Delivery[] = new Array(events.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < events.length; i = next++) {
      const { payload, signature } = fake.signEvent(events[i], WEBHOOK_SECRET);
      const started = performance.now();
      let answer: { status: number; outcome: string };
      try {
        answer = await send(payload, signature);
      } catch (error) {
        answer = { status: 0, outcome: error instanceof Error ? error.message : String(error) };
      }
      results[i] = { ...answer, ms: performance.now() - started };
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return results;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function tally(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(", ");
}

type Check = { name: string; expected: number; actual: number };

async function checkEffects(db: Db, groups: { completed: PaidOrder[]; expired: PaidOrder[]; refunded: PaidOrder[] }, measuredIds: string[], warmupEvents: number): Promise<Check[]> {
  const ids = (orders: PaidOrder[]) => orders.map((o) => o.orderId);
  const bookingIds = (orders: PaidOrder[]) => orders.map((o) => o.bookingId);
  const orderCount = (orders: PaidOrder[], where: object) => db.order.count({ where: { id: { in: ids(orders) }, ...where } });
  const bookingCount = (orders: PaidOrder[], where: object) => db.booking.count({ where: { id: { in: bookingIds(orders) }, ...where } });
  const emails = async (template: string, status?: "PENDING" | "WAITING" | "DISCARDED") =>
    db.emailMessage.count({ where: { template, ...(status ? { status } : {}) } });
  // Each order has its own client address, so no client may have two emails of one template.
  const doubled = await db.$queryRaw<Array<{ n: bigint }>>`
    SELECT count(*) AS n FROM (SELECT to_address, template FROM email_messages WHERE to_address <> 'coach@example.com'
                                GROUP BY to_address, template HAVING count(*) > 1) AS d`;
  const { completed, expired, refunded } = groups;
  const paidOrders = completed.length + refunded.length;
  return [
    { name: "payment_events rows for the run's events", expected: DISTINCT, actual: await db.paymentEvent.count({ where: { id: { in: measuredIds } } }) },
    { name: "payment_events rows in all (warm-up included)", expected: DISTINCT + warmupEvents, actual: await db.paymentEvent.count() },
    { name: "completed: orders PAID with their payment intent", expected: completed.length, actual: await orderCount(completed, { status: "PAID", paidAt: { not: null }, paymentIntentId: { not: null } }) },
    { name: "completed: bookings CONFIRMED", expected: completed.length, actual: await bookingCount(completed, { status: "CONFIRMED" }) },
    { name: "expired: orders EXPIRED", expected: expired.length, actual: await orderCount(expired, { status: "EXPIRED" }) },
    { name: "expired: bookings EXPIRED (hold released)", expected: expired.length, actual: await bookingCount(expired, { status: "EXPIRED" }) },
    { name: "refunded: orders REFUNDED, refunded = total", expected: refunded.length, actual: await orderCount(refunded, { status: "REFUNDED", refundedCents: PRICE_CENTS }) },
    { name: "refunded: dashboard refund rows (one per order)", expected: refunded.length, actual: await db.refund.count({ where: { orderId: { in: ids(refunded) }, origin: "PROVIDER_DASHBOARD", status: "SUCCEEDED" } }) },
    { name: "refund rows in all", expected: refunded.length, actual: await db.refund.count() },
    { name: "refunded: bookings CANCELLED by the coach", expected: refunded.length, actual: await bookingCount(refunded, { status: "CANCELLED", cancelledBy: "COACH" }) },
    { name: "audit booking.paid", expected: paidOrders, actual: await db.auditLog.count({ where: { action: "booking.paid" } }) },
    { name: "emails: payment-receipt", expected: paidOrders, actual: await emails("payment-receipt") },
    { name: "emails: booking-confirmed-client released", expected: paidOrders, actual: await emails("booking-confirmed-client", "PENDING") },
    { name: "emails: booking-confirmed-coach released", expected: paidOrders, actual: await emails("booking-confirmed-coach", "PENDING") },
    { name: "emails: confirmations discarded (expired orders)", expected: 2 * expired.length, actual: await db.emailMessage.count({ where: { status: "DISCARDED" } }) },
    { name: "emails: still WAITING", expected: 0, actual: await db.emailMessage.count({ where: { status: "WAITING" } }) },
    { name: "emails: refund-issued", expected: refunded.length, actual: await emails("refund-issued") },
    { name: "emails: booking-cancelled-client", expected: refunded.length, actual: await emails("booking-cancelled-client") },
    { name: "emails: in the outbox in all", expected: 2 * DISTINCT + paidOrders + 3 * refunded.length, actual: await db.emailMessage.count() },
    { name: "emails: client address with two of one template", expected: 0, actual: Number(doubled[0].n) },
  ];
}

async function main() {
  buildIfNeeded((line) => console.log(line));
  const load = os.loadavg();
  const database = await createDatabase();
  const fake = await startFakeStripe({ webhookSecret: WEBHOOK_SECRET });
  const db = createDb(database.url, { max: 6 });
  const profileDir = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
  let server: ReturnType<typeof spawn> | null = null;
  try {
    let started = performance.now();
    const orders = await makePaidBookings(db, fake);
    console.log(`setup: ${orders.length} paid bookings held through createBooking in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const completed = orders.slice(0, COMPLETED);
    const expired = orders.slice(COMPLETED, COMPLETED + EXPIRED);
    const refunded = orders.slice(COMPLETED + EXPIRED);

    let send: Send = sendOverHttp;
    if (IN_PROCESS) {
      send = sendInProcess(db, createStripeProvider({ secretKey: STRIPE_KEY, apiUrl: fake.url }));
    } else {
      const nextBin = path.resolve("node_modules/next/dist/bin/next");
      if (profileDir) mkdirSync(profileDir, { recursive: true });
      const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
      server = spawn(process.execPath, [...nodeArgs, nextBin, "start", "-p", String(PORT)], {
        stdio: ["ignore", "ignore", "pipe"],
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: database.url,
          AUTH_SECRET: randomBytes(32).toString("hex"),
          APP_URL,
          STRIPE_SECRET_KEY: STRIPE_KEY,
          STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
          STRIPE_API_URL: fake.url,
          NEXT_TELEMETRY_DISABLED: "1",
        },
      });
      // The baseline's 1,000 refused signatures log one line each for the operator; the rest is shown.
      createInterface({ input: server.stderr! }).on("line", (line) => {
        if (!line.includes("signature that doesn't match")) console.error(line);
      });
      await waitForHealth(PORT);
    }

    // Warm-up (not measured): the refunded group's payments arrive, each twice.
    const warmup = refunded.map((order) => fake.complete(order.checkoutId));
    const warm = await deliver(fake, [...warmup, ...warmup], send);
    if (warm.some((d) => d.status !== 200)) throw new Error(`warm-up deliveries failed: ${tally(warm.map((d) => `${d.status} ${d.outcome}`))}`);

    const events: FakeStripeEvent[] = [
      ...completed.map((order) => fake.complete(order.checkoutId)),
      ...expired.map((order) => fake.expire(order.checkoutId)),
      ...refunded.map((order) => {
        const intent = fake.sessions.get(order.checkoutId)?.payment_intent;
        if (!intent) throw new Error(`no payment intent for ${order.checkoutId}`);
        return fake.refundFromDashboard(intent, PRICE_CENTS);
      }),
    ];
    const rand = random(4);
    const deliveries = [...events, ...Array.from({ length: DUPLICATES }, () => events[Math.floor(rand() * events.length)])];
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }

    const loadBefore = os.loadavg();
    const cpuBefore = server ? serverTreeCpu(server.pid!) : { user: 0, system: 0 };
    const clientBefore = process.cpuUsage();
    const machineBefore = machineBusySeconds();
    started = performance.now();
    const { result: results, seconds: pgCpu } = await postgresCpuDuring(database.name, () => deliver(fake, deliveries, send));
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = server ? serverTreeCpu(server.pid!) : { user: 0, system: 0 };
    const serverUser = cpuAfter.user - cpuBefore.user;
    const serverSystem = cpuAfter.system - cpuBefore.system;
    const serverCpu = serverUser + serverSystem;
    const clientCpu = process.cpuUsage(clientBefore);
    const machineBusy = machineBusySeconds() - machineBefore;
    const latencies = results.map((r) => r.ms).sort((a, b) => a - b);

    const checks = await checkEffects(db, { completed, expired, refunded }, events.map((e) => e.id), warmup.length);
    const failedChecks = checks.filter((c) => c.actual !== c.expected);
    const fiveXX = results.filter((r) => r.status >= 500 || r.status === 0).length;
    const rate = results.length / seconds;

    // Baseline: the same 1,000 deliveries signed with another secret. The route reads the body and
    // checks the signature, answers 400 and touches no table: what HTTP and Next cost on their own.
    const eventsBefore = await db.paymentEvent.count();
    const baselineCpuBefore = server ? serverTreeCpu(server.pid!) : { user: 0, system: 0 };
    const baselineStarted = performance.now();
    const forged = await deliver(fake, deliveries, (payload) =>
      send(payload, fake.signEvent(JSON.parse(payload) as FakeStripeEvent, "whsec_someoneelse").signature),
    );
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;
    const baselineCpuAfter = server ? serverTreeCpu(server.pid!) : { user: 0, system: 0 };
    const baselineCpu = baselineCpuAfter.user + baselineCpuAfter.system - baselineCpuBefore.user - baselineCpuBefore.system;
    const forgedRefused = forged.filter((r) => r.status === 400).length;
    const eventsAfter = await db.paymentEvent.count();
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    // What the CPU cost allows when nothing else runs: the Node server uses one core at most, and the
    // server, PostgreSQL and this sender share the machine's cores.
    const perDelivery = (cpuSeconds: number) => (cpuSeconds * 1000) / results.length;
    const clientSeconds = (clientCpu.user + clientCpu.system) / 1e6;
    const oneProcess = 1000 / perDelivery(serverCpu);
    const allCores = (os.cpus().length * 1000) / perDelivery(serverCpu + (pgCpu ?? 0) + clientSeconds);
    const ceiling =
      server && pgCpu !== null
        ? `CPU-bound ceiling on an otherwise idle machine: ${Math.min(oneProcess, allCores).toFixed(0)} events/s ` +
          `(one Node process: ${oneProcess.toFixed(0)}; ${os.cpus().length} cores shared by server, PostgreSQL and sender: ${allCores.toFixed(0)})`
        : null;
    console.log(
      [
        `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), node ${process.version}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
        `load average before setup: ${load.map((v) => v.toFixed(2)).join(" ")}; before the run: ${loadBefore.map((v) => v.toFixed(2)).join(" ")}`,
        `deliveries: ${results.length} (${DISTINCT} distinct events: ${COMPLETED} checkout.session.completed, ${EXPIRED} checkout.session.expired, ${REFUNDED} charge.refunded; ${DUPLICATES} duplicates), shuffled, ${CONCURRENCY} in flight${IN_PROCESS ? " (in-process: parseStripeWebhook + processPaymentEvent, no HTTP)" : " to next start"}`,
        `throughput: ${rate.toFixed(0)} events/s (${seconds.toFixed(2)} s for all ${results.length})`,
        `latency: p50 ${ms(percentile(latencies, 50))}, p90 ${ms(percentile(latencies, 90))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies[latencies.length - 1])}`,
        `latency by outcome: ${["applied", "duplicate"]
          .map((outcome) => {
            const sorted = results.filter((r) => r.outcome === outcome).map((r) => r.ms).sort((a, b) => a - b);
            return sorted.length ? `${outcome} p50 ${ms(percentile(sorted, 50))} / p99 ${ms(percentile(sorted, 99))}` : `${outcome}: none`;
          })
          .join(", ")}`,
        `CPU per delivery: ` +
          (server
            ? `server ${perDelivery(serverCpu).toFixed(2)} ms (next start's process tree; user ${perDelivery(serverUser).toFixed(2)} + system ${perDelivery(serverSystem).toFixed(2)})`
            : "in-process mode, no server") +
          (pgCpu !== null ? `; PostgreSQL backends of this database: ${perDelivery(pgCpu).toFixed(2)} ms` : "") +
          `; this process (${server ? "signing, sending" : "signing, parsing, processing"}): ${perDelivery(clientSeconds).toFixed(2)} ms`,
        `machine during the run: ${(machineBusy / seconds).toFixed(2)} of ${os.cpus().length} cores busy, ` +
          `${Math.max(0, (machineBusy - serverCpu - (pgCpu ?? 0) - clientSeconds) / seconds).toFixed(2)} of them with other work`,
        ...(ceiling ? [ceiling] : []),
        `responses: ${tally(results.map((r) => String(r.status)))}; outcomes: ${tally(results.map((r) => r.outcome))}`,
        `effects (expected = actual):`,
        ...checks.map((c) => `  ${c.actual === c.expected ? "pass" : "FAIL"}  ${c.name}: ${c.actual}${c.actual === c.expected ? "" : ` (expected ${c.expected})`}`),
        `  ${fiveXX === 0 ? "pass" : "FAIL"}  5xx or failed requests: ${fiveXX}`,
        `  ${forgedRefused === forged.length && eventsAfter === eventsBefore ? "pass" : "FAIL"}  baseline, ${forged.length} deliveries with a wrong signature: ${forgedRefused} answered 400, payment_events ${eventsBefore} → ${eventsAfter}`,
        `baseline (wrong signature, no database work): ${(forged.length / baselineSeconds).toFixed(0)} requests/s` +
          (server ? `, server CPU ${((baselineCpu * 1000) / forged.length).toFixed(2)} ms per request` : ""),
        `target ≥ 200 events/s with exactly-once effects: ${rate >= 200 && failedChecks.length === 0 && fiveXX === 0 ? "met" : "NOT met"}`,
      ].join("\n"),
    );
    if (failedChecks.length || fiveXX || forgedRefused !== forged.length || eventsAfter !== eventsBefore) process.exitCode = 1;
  } finally {
    if (server && server.exitCode === null) {
      // SIGINT lets Node write the CPU profile on the way out.
      server.kill(profileDir ? "SIGINT" : "SIGTERM");
      await new Promise((resolve) => server!.once("exit", resolve));
    }
    if (profileDir) console.log(`server CPU profile(s): ${readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(profileDir, f)).join(", ")}`);
    await closeJobSender();
    await db.$disconnect();
    await fake.close();
    await dropBenchDatabase(database.name);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
