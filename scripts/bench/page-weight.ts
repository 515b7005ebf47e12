// First-load JavaScript of public pages, as a browser downloads it: `next start` (production build)
// on a fresh PostgreSQL database, each page opened in Chromium, every script response gzip-compressed
// (level 9) and summed. Targets: /book/[slug] <= 150 kB gzipped (issue 3), /shop <= 120 kB (issue 5).
// Measured first, the same way: the framework floor, an empty App Router page built with this repo's
// next, react and react-dom. No page can weigh less, so a target below the floor is out of reach for
// our own code, and a page's figure minus the floor is what the page itself adds.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { seedDatabase } from "@/lib/db/seed";
import { CHROMIUM_HELP, findChromium } from "../../tests/e2e/support/chromium";
import { createBenchDatabase, dropBenchDatabase, waitForHealth } from "../bench-support";
import { buildIfNeeded } from "../build-inputs";

const PORT = 3401;
const PAGES = ["/", "/signin", "/book", "/book/intro-call", "/shop", "/shop/rejection-sensitivity-journal", "/cart"];
const NEXT_ENV = { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } as const;

type Weight = { raw: number; gzip: number; scripts: { raw: number; gzip: number }[] };

const kB = (bytes: number) => (bytes / 1024).toFixed(1);
const describeWeight = (weight: Weight) => `${weight.scripts.length} scripts, ${kB(weight.raw)} kB raw, ${kB(weight.gzip)} kB gzipped`;

/** Every script the page downloads, including the chunks hydration asks for just after "load". */
async function measurePage(browser: Browser, url: string): Promise<Weight> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const pending: Promise<{ raw: number; gzip: number }>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      pending.push(response.body().then((body) => ({ raw: body.length, gzip: gzipSync(body, { level: 9 }).length })));
    });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(1_500);
    const scripts = await Promise.all(pending);
    return { raw: scripts.reduce((n, s) => n + s.raw, 0), gzip: scripts.reduce((n, s) => n + s.gzip, 0), scripts };
  } finally {
    await context.close();
  }
}

/** `next start` for the app in `dir`, with that app's own next. */
function startNext(dir: string, port: number, env: Record<string, string> = {}): ChildProcess {
  return spawn(path.join(dir, "node_modules/.bin/next"), ["start", "-p", String(port)], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...NEXT_ENV, ...env },
  });
}

async function stopNext(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const FLOOR_APP: Record<string, string> = {
  "package.json": JSON.stringify({ private: true }),
  "app/layout.jsx": `export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  "app/page.jsx": `export default function Page() {
  return <p>An empty page.</p>;
}
`,
};

/**
 * The smallest App Router app (a root layout and one static page, no client components, default
 * config), built and served in a temporary directory with this repo's next, react and react-dom.
 */
async function measureFrameworkFloor(browser: Browser): Promise<Weight> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "page-weight-floor-"));
  let server: ChildProcess | undefined;
  try {
    // Hard links rather than a symlink: Turbopack does not resolve next through a node_modules that
    // lives outside the project root. Same files, no network, nearly no disk.
    const copy = spawnSync("cp", ["-al", path.resolve("node_modules"), path.join(dir, "node_modules")], { encoding: "utf8" });
    if (copy.status !== 0) throw new Error(`could not link node_modules into ${dir}: ${copy.stderr}`);
    mkdirSync(path.join(dir, "app"));
    for (const [file, text] of Object.entries(FLOOR_APP)) writeFileSync(path.join(dir, file), text);
    const build = spawnSync(path.join(dir, "node_modules/.bin/next"), ["build"], { cwd: dir, encoding: "utf8", env: { ...process.env, ...NEXT_ENV } });
    if (build.status !== 0) throw new Error(`next build of the framework-floor app failed:\n${build.stdout}\n${build.stderr}`);
    const port = await freePort();
    server = startNext(dir, port);
    await waitForHealth(port, "/");
    return await measurePage(browser, `http://127.0.0.1:${port}/`);
  } finally {
    if (server) await stopNext(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const executablePath = findChromium();
  if (!executablePath) {
    // Without one, Playwright goes looking for a browser of its own that was never downloaded.
    console.error(`page-weight: ${CHROMIUM_HELP}`);
    process.exit(1);
  }
  buildIfNeeded((line) => console.log(line));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const floor = await measureFrameworkFloor(browser);
    console.log(`framework floor (empty App Router page, same next/react): ${describeWeight(floor)}`);
    console.log(`  its scripts, gzipped: ${floor.scripts.map((s) => s.gzip).sort((a, b) => b - a).map(kB).join(" + ")} kB`);

    const database = await createBenchDatabase();
    try {
      const db = createDb(database.url, { max: 2 });
      await seedDatabase(db, { coachEmail: "coach@example.com" });
      await db.$disconnect();
      const server = startNext(process.cwd(), PORT, { DATABASE_URL: database.url, AUTH_SECRET: randomBytes(32).toString("hex") });
      try {
        await waitForHealth(PORT);
        for (const pagePath of PAGES) {
          const weight = await measurePage(browser, `http://127.0.0.1:${PORT}${pagePath}`);
          const above = weight.gzip - floor.gzip;
          console.log(`${pagePath.padEnd(36)} ${describeWeight(weight)}; ${above < 0 ? "" : "+"}${kB(above)} kB gzipped above the floor`);
        }
      } finally {
        await stopNext(server);
      }
    } finally {
      await dropBenchDatabase(database.name);
    }
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
