// First-load JavaScript of public pages, as a browser downloads it: `next start` (production build)
// on a fresh PostgreSQL database, each page opened in Chromium, every script response gzip-compressed
// (level 9) and summed. Targets: /book/[slug] <= 150 kB gzipped (issue 3), /shop <= 120 kB (issue 5).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { chromium } from "@playwright/test";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { poolConfigFromUrl } from "@/lib/db/connection";
import { deployMigrations } from "@/lib/db/migrate";
import { seedDatabase } from "@/lib/db/seed";
import { findChromium } from "../../tests/e2e/support/chromium";
import { buildIfNeeded } from "../build-inputs";

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PORT = 3401;
const PAGES = ["/", "/signin", "/book", "/book/intro-call", "/shop", "/shop/rejection-sensitivity-journal", "/cart"];

async function admin(sql: string) {
  const client = new pg.Client(poolConfigFromUrl(SERVER_URL));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main() {
  buildIfNeeded((line) => console.log(line));
  const name = `bench_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  await deployMigrations(url.toString(), { embedded: false });
  const db = createDb(url.toString(), { max: 2 });
  await seedDatabase(db, { coachEmail: "coach@example.com" });
  await db.$disconnect();

  const server = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(PORT)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url.toString(), AUTH_SECRET: randomBytes(32).toString("hex"), NEXT_TELEMETRY_DISABLED: "1" },
  });
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    for (let i = 0; i < 150; i++) {
      const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    for (const pagePath of PAGES) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const scripts: Promise<{ raw: number; gzip: number }>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() !== "script") return;
        scripts.push(response.body().then((body) => ({ raw: body.length, gzip: gzipSync(body, { level: 9 }).length })));
      });
      await page.goto(`http://127.0.0.1:${PORT}${pagePath}`, { waitUntil: "load" });
      // Lazy chunks that hydration asks for arrive just after "load".
      await page.waitForTimeout(1_500);
      const sizes = await Promise.all(scripts);
      const raw = sizes.reduce((n, s) => n + s.raw, 0);
      const gzip = sizes.reduce((n, s) => n + s.gzip, 0);
      console.log(`${pagePath.padEnd(18)} ${sizes.length} scripts, ${(raw / 1024).toFixed(1)} kB raw, ${(gzip / 1024).toFixed(1)} kB gzipped`);
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
