// GET /api/availability under load: `next start` (production build) on PostgreSQL, 32 connections on
// loopback, 31 days asked for by a New York visitor, 300 confirmed bookings in the coach's calendar.
// Target (issue 3): >= 500 requests/s with p99 <= 100 ms on the 2-core machine.
// Uses BENCH_DATABASE_URL (a PostgreSQL server; a fresh database is created and dropped) or the
// local default postgresql://postgres@127.0.0.1:5432/postgres.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createDb } from "@/lib/db/client";
import { seedDatabase } from "@/lib/db/seed";
import { addDays, calendarDateInZone } from "@/lib/time/zone";
import { createBenchDatabase, dropBenchDatabase, processTreeUsage, waitForHealth } from "../bench-support";
import { buildIfNeeded } from "../build-inputs";

const PORT = 3400;
const CONNECTIONS = 32;
const DURATION_S = 20;

async function prepareDatabase(): Promise<{ url: string; name: string }> {
  const { url, name } = await createBenchDatabase();
  const db = createDb(url, { max: 4 });
  try {
    await seedDatabase(db, { coachEmail: "coach@example.com" });
    const coach = await db.user.findFirstOrThrow({ where: { role: "COACH" }, select: { id: true } });
    const type = await db.sessionType.findUniqueOrThrow({ where: { slug: "strategy-session" }, select: { id: true } });
    // 300 one-hour bookings, two hours apart, spread over the coming weeks (the constraint forbids overlaps).
    const start = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 24 * 3_600_000;
    await db.booking.createMany({
      data: Array.from({ length: 300 }, (_, i) => {
        const startsAt = new Date(start + i * 2 * 3_600_000);
        const endsAt = new Date(startsAt.getTime() + 3_600_000);
        return {
          coachId: coach.id,
          sessionTypeId: type.id,
          clientName: `Client ${i}`,
          clientEmail: `client${i}@example.com`,
          clientTimeZone: "Europe/London",
          status: "CONFIRMED" as const,
          startsAt,
          endsAt,
          blockedFrom: new Date(startsAt.getTime() - 10 * 60_000),
          blockedUntil: new Date(endsAt.getTime() + 15 * 60_000),
          manageTokenHash: randomBytes(32).toString("hex"),
          priceCents: 9500,
          currency: "GBP",
        };
      }),
    });
  } finally {
    await db.$disconnect();
  }
  return { url: url.toString(), name };
}

function run(url: string, duration: number) {
  return autocannon({ url, connections: CONNECTIONS, duration, pipelining: 1 });
}

async function main() {
  buildIfNeeded((line) => console.log(line));
  const database = await prepareDatabase();
  const server = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(PORT)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      APP_URL: `http://localhost:${PORT}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  try {
    await waitForHealth(PORT);
    const from = calendarDateInZone(Date.now(), "America/New_York");
    const to = addDays(from, 30);
    const url = `http://127.0.0.1:${PORT}/api/availability?sessionType=strategy-session&from=${from}&to=${to}&timeZone=America%2FNew_York`;
    const probe = await fetch(url);
    const body = (await probe.json()) as { days?: { slots: unknown[] }[] };
    if (!probe.ok || !body.days) throw new Error(`the endpoint answered ${probe.status}: ${JSON.stringify(body).slice(0, 200)}`);
    const slots = body.days.reduce((n, d) => n + d.slots.length, 0);
    await run(url, 5); // warm-up: JIT, connection pools
    const cpuBefore = processTreeUsage(server.pid!).cpuSeconds;
    const result = await run(url, DURATION_S);
    const cpuPerRequestMs = ((processTreeUsage(server.pid!).cpuSeconds - cpuBefore) * 1000) / Math.max(1, result.requests.total);
    const non2xx = result.non2xx + result.errors + result.timeouts;
    console.log(
      [
        `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
        `request: 31 days, ${body.days.length} days with ${slots} slots in the answer, 300 bookings in the calendar`,
        `load: ${CONNECTIONS} connections for ${DURATION_S} s on loopback (autocannon in the same machine)`,
        `throughput: ${result.requests.average.toFixed(0)} requests/s (total ${result.requests.total}), failures: ${non2xx}`,
        `server CPU: ${cpuPerRequestMs.toFixed(2)} ms per request (next start's process tree; PostgreSQL not included)`,
        `latency: p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      ].join("\n"),
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await dropBenchDatabase(database.name);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
