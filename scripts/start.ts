// npm start  — build when needed, migrate, seed, then run the web app and the job worker.
// npm run dev — the same stack with `next dev` (hot reload).
// With DATABASE_URL unset, the database is an embedded PGlite kept in DATA_DIR and served on
// loopback over the PostgreSQL protocol, so the app, the worker and `npm run db` share it.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { config, type Config } from "../lib/config";
import { createDb } from "../lib/db/client";
import { embeddedAuthSecret, embeddedPaths, findRunningEmbedded, serveEmbedded } from "../lib/db/embedded-runtime";
import type { EmbeddedDatabase } from "../lib/db/embedded-server";
import { deployMigrations } from "../lib/db/migrate";
import { seedDatabase } from "../lib/db/seed";
import { buildIfNeeded } from "./build-inputs";
import { loadDotEnv } from "./load-dot-env";
import { runScript } from "./run-script";

const dev = process.argv.includes("--dev");
const started = Date.now();
const log = (line: string) => console.log(`[start] ${line}`);

runScript(async () => {
  loadDotEnv();
  const env = config();
  const secret = env.AUTH_SECRET ?? embeddedAuthSecret(env.DATA_DIR);

  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    if (await findRunningEmbedded(env.DATA_DIR)) {
      console.error(`Another \`npm start\` is already using ${embeddedPaths(env.DATA_DIR).root}. Stop it first (Ctrl-C in its terminal).`);
      return 1;
    }
    embedded = await serveEmbedded(env.DATA_DIR, env.EMBEDDED_DB_PORT);
    databaseUrl = embedded.url;
    log(`embedded database ready (${Date.now() - started} ms)`);
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    await Promise.all(children.map(terminate));
    await embedded?.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    const applied = await deployMigrations(databaseUrl, { embedded: embedded !== null });
    if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
    const db = createDb(databaseUrl, { max: 2 });
    try {
      const { seeded } = await seedDatabase(db, { coachEmail: env.COACH_EMAIL });
      if (seeded) log("seeded demo data");
    } finally {
      await db.$disconnect();
    }

    if (!dev) buildIfNeeded(log);

    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      EMBEDDED_DATABASE: embedded ? "1" : "0",
      AUTH_SECRET: secret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? env.APP_URL,
      NEXT_TELEMETRY_DISABLED: "1",
      // The embedded demo is a demo: without a Stripe key, paid checkout runs in the labelled test
      // mode even though `next start` runs with NODE_ENV=production. A real database decides itself.
      PAYMENTS_TEST_MODE: process.env.PAYMENTS_TEST_MODE ?? (embedded ? "1" : "0"),
    };
    const bin = (name: string) => path.resolve("node_modules/.bin", name);
    const supervise = (name: string, child: ChildProcess) => {
      children.push(child);
      child.on("exit", (code, signal) => {
        if (stopping) return;
        console.error(`[start] ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything.`);
        void stop(1);
      });
    };
    supervise("web", spawn(bin("next"), [dev ? "dev" : "start", "-p", String(env.PORT)], { stdio: "inherit", env: childEnv }));
    supervise("worker", spawn(bin("tsx"), ["scripts/worker.ts"], { stdio: "inherit", env: childEnv }));

    await waitForHealth(env.PORT);
    printBanner(env, embedded !== null);
    await new Promise(() => {});
  } catch (error) {
    await Promise.all(children.map(terminate));
    await embedded?.close();
    throw error;
  }
});

async function waitForHealth(port: number) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the web app did not become healthy on port ${port} within 2 minutes`);
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

function printBanner(env: Config, embedded: boolean) {
  const lines = [
    "",
    `  Steady Ground Coaching is running: ${env.APP_URL}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    "",
  ];
  if (embedded) {
    lines.push(
      `  Data:    ${embeddedPaths(env.DATA_DIR).root} (embedded PostgreSQL, kept across restarts)`,
      `  Coach:   ${env.COACH_EMAIL}. Get a one-time sign-in link with: npm run signin-link -- ${env.COACH_EMAIL}`,
    );
  } else {
    lines.push(`  Data:    PostgreSQL at ${new URL(env.DATABASE_URL!).host}`);
  }
  lines.push(
    env.SMTP_URL
      ? `  Email:   sent through ${new URL(env.SMTP_URL).host}`
      : "  Email:   no SMTP_URL, so emails stay in the outbox: sign in as the coach and open /admin/outbox",
    env.STRIPE_SECRET_KEY
      ? "  Payments: Stripe"
      : embedded || env.PAYMENTS_TEST_MODE === "1"
        ? "  Payments: test mode (no STRIPE_SECRET_KEY): checkout is the product's own page and no money moves"
        : "  Payments: not configured (set STRIPE_SECRET_KEY, or PAYMENTS_TEST_MODE=1 for a demo): paid checkout is refused",
    "  Stop:    Ctrl-C",
    "",
  );
  console.log(lines.join("\n"));
}
