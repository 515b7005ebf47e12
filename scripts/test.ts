// npm test — every suite: vitest (unit + integration) then Playwright (end-to-end in Chromium).
// Integration tests use TEST_DATABASE_URL (a PostgreSQL server) when it is set, else in-memory PGlite.
// Ends with one line: "N passed, N failed, N skipped".
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { CHROMIUM_HELP, findChromium } from "../tests/e2e/support/chromium";

type Counts = { passed: number; failed: number; skipped: number };
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (name: string) => path.resolve("node_modules/.bin", name);

rmSync("test-results", { recursive: true, force: true });

const vitest = spawnSync(bin("vitest"), ["run"], { stdio: "inherit", env });
add(readVitest(), "unit + integration", vitest.status);

if (findChromium()) {
  const playwright = spawnSync(bin("playwright"), ["test"], { stdio: "inherit", env });
  add(readPlaywright(), "end-to-end", playwright.status);
} else {
  const listed = spawnSync(bin("playwright"), ["test", "--list", "--reporter=json"], { env, encoding: "utf8" });
  const count = countListed(listed.stdout);
  console.log(`end-to-end: ${count} skipped. ${CHROMIUM_HELP}`);
  total.skipped += count;
}

console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);

function add(counts: Counts | null, suite: string, status: number | null) {
  if (!counts) {
    // The runner died before reporting (e.g. a crash in setup): count the suite as one failure.
    console.log(`${suite}: the runner exited with status ${status} before writing its report`);
    total.failed += 1;
    return;
  }
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}

function readVitest(): Counts | null {
  const file = "test-results/vitest.json";
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
  };
  return {
    passed: report.numPassedTests,
    // A file that fails to load has no failed tests but must still count.
    failed: report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0),
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function readPlaywright(): Counts | null {
  const file = "test-results/playwright.json";
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    errors?: unknown[];
  };
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected + flaky, failed: unexpected + (report.errors?.length ? 1 : 0), skipped };
}

function countListed(json: string): number {
  try {
    type Suite = { specs?: { tests?: unknown[] }[]; suites?: Suite[] };
    const walk = (suite: Suite): number =>
      (suite.specs ?? []).reduce((n, spec) => n + (spec.tests?.length ?? 0), 0) + (suite.suites ?? []).reduce((n, s) => n + walk(s), 0);
    return (JSON.parse(json) as { suites: Suite[] }).suites.reduce((n, s) => n + walk(s), 0);
  } catch {
    return 0;
  }
}
