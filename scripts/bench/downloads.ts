// GET /api/downloads/<token> under load: `next start` (production build) on PostgreSQL, a 20 MB
// product file on local disk, 20 buyers downloading it at the same moment (one token each, from 20
// addresses). Reports the throughput and the server's memory: the resident set size (RSS) of the
// `next start` process tree, sampled every 100 ms from /proc before, during and after the run.
// Streaming means the RSS stays flat: 20 × 20 MB buffered would add ~400 MB.
// Uses BENCH_DATABASE_URL (a PostgreSQL server; a fresh database is created and dropped) or the
// local default postgresql://postgres@127.0.0.1:5432/postgres. BENCH_ROUNDS: rounds of 20 (default 3).
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createDb } from "@/lib/db/client";
import { seedDatabase } from "@/lib/db/seed";
import { signDownloadToken } from "@/lib/downloads/download-token";
import { LocalDiskStorage } from "@/lib/storage/local-disk-storage";
import { storeUpload } from "@/lib/storage/store-upload";
import { createBenchDatabase, dropBenchDatabase, processTreeUsage, waitForHealth } from "../bench-support";
import { buildIfNeeded } from "../build-inputs";

const PORT = 3410;
const BUYERS = 20;
const FILE_MB = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECRET = randomBytes(32).toString("hex");

/** A fresh database with the seed, one 20 MB PDF-typed file on the journal and 20 buyers who own it. */
async function prepare(storageDir: string) {
  const { url, name } = await createBenchDatabase();
  const storage = new LocalDiskStorage(storageDir);
  const db = createDb(url.toString(), { max: 4 });
  try {
    await seedDatabase(db, { coachEmail: "coach@example.com", storage });
    const product = await db.product.findUniqueOrThrow({ where: { slug: "rejection-sensitivity-journal" }, select: { id: true, title: true, priceCents: true } });
    // 20 MB streamed into storage in 1 MB pieces: a PDF header, then random bytes.
    let made = 0;
    const source = new Readable({
      read() {
        const size = Math.min(1024 * 1024, FILE_MB * 1024 * 1024 - made);
        if (size <= 0) return this.push(null);
        const chunk = made === 0 ? Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(size - 9)]) : randomBytes(size);
        made += size;
        this.push(chunk);
      },
    });
    const file = await storeUpload({ db, storage, source, fileName: "Large workbook.pdf", maxBytes: 64 * 1024 * 1024 });
    const productFile = await db.productFile.create({ data: { productId: product.id, fileId: file.id, title: "Large workbook (PDF)", position: 1 } });
    const entitlementIds: string[] = [];
    for (let i = 0; i < BUYERS; i++) {
      const order = await db.order.create({
        data: {
          email: `buyer${i}@example.com`,
          status: "PAID",
          paidAt: new Date(),
          currency: "GBP",
          subtotalCents: product.priceCents,
          totalCents: product.priceCents,
          provider: "TEST",
          items: { create: { kind: "PRODUCT", productId: product.id, title: product.title, unitPriceCents: product.priceCents, totalCents: product.priceCents } },
        },
        select: { email: true, items: { select: { id: true } } },
      });
      const entitlement = await db.entitlement.create({ data: { email: order.email, productId: product.id, orderItemId: order.items[0].id }, select: { id: true } });
      entitlementIds.push(entitlement.id);
    }
    return { url: url.toString(), name, file, productFileId: productFile.id, entitlementIds };
  } finally {
    await db.$disconnect();
  }
}

const treeRssMb = (pid: number) => processTreeUsage(pid).rssMb;

/** One download, read as it arrives and hashed; returns the bytes and whether they match. */
async function download(token: string, ip: string, sha256: string): Promise<{ bytes: number; ok: boolean; status: number }> {
  const response = await fetch(`http://127.0.0.1:${PORT}/api/downloads/${token}`, { headers: { "x-forwarded-for": ip } });
  if (!response.ok || !response.body) return { bytes: 0, ok: false, status: response.status };
  const hash = createHash("sha256");
  let bytes = 0;
  const reader = response.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    hash.update(next.value);
    bytes += next.value.length;
  }
  return { bytes, ok: hash.digest("hex") === sha256, status: response.status };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  buildIfNeeded((line) => console.log(line));
  const storageDir = mkdtempSync(path.join(os.tmpdir(), "bench-downloads-"));
  const data = await prepare(storageDir);
  const server = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(PORT)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: data.url,
      AUTH_SECRET: SECRET,
      STORAGE_DIR: storageDir,
      APP_URL: `http://localhost:${PORT}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  let sampling: NodeJS.Timeout | undefined;
  try {
    await waitForHealth(PORT);
    const token = (i: number) => signDownloadToken({ entitlementId: data.entitlementIds[i], productFileId: data.productFileId, secret: SECRET }).token;
    // Warm-up: one download, so the route is compiled and the pools are open.
    const warm = await download(token(0), "198.18.0.250", data.file.sha256);
    if (!warm.ok) throw new Error(`the warm-up download failed (${warm.status})`);
    await sleep(1000);

    const samples: number[] = [];
    const lines: string[] = [];
    const before = treeRssMb(server.pid!);
    let peak = before;
    sampling = setInterval(() => {
      const rss = treeRssMb(server.pid!);
      samples.push(rss);
      peak = Math.max(peak, rss);
    }, 100);
    for (let round = 1; round <= ROUNDS; round++) {
      const cpuBefore = processTreeUsage(server.pid!).cpuSeconds;
      const started = performance.now();
      const results = await Promise.all(data.entitlementIds.map((_, i) => download(token(i), `198.18.${round}.${i + 1}`, data.file.sha256)));
      const seconds = (performance.now() - started) / 1000;
      const bytes = results.reduce((sum, result) => sum + result.bytes, 0);
      const failed = results.filter((result) => !result.ok).length;
      const cpuMsPerMb = ((processTreeUsage(server.pid!).cpuSeconds - cpuBefore) * 1000) / (bytes / 1024 / 1024);
      lines.push(
        `round ${round}: ${BUYERS} × ${FILE_MB} MB in ${seconds.toFixed(2)} s = ${(bytes / 1024 / 1024 / seconds).toFixed(0)} MB/s, server CPU ${cpuMsPerMb.toFixed(1)} ms per MB, ${failed} failed or corrupt`,
      );
      await sleep(500);
    }
    await sleep(2000);
    clearInterval(sampling);
    const after = treeRssMb(server.pid!);
    const load = os.loadavg().map((value) => value.toFixed(2)).join(", ");
    console.log(
      [
        `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z, load average ${load}`,
        `file: ${FILE_MB} MB on local disk (${storageDir}); ${BUYERS} buyers with their own token, ${BUYERS} concurrent downloads per round, ${ROUNDS} rounds; loopback, client in the same machine hashing every byte`,
        ...lines,
        `server RSS (next start's process tree, sampled every 100 ms, ${samples.length} samples): before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)} MB), after ${after.toFixed(0)} MB`,
        `for scale: one buffered copy of the file per download would be ${BUYERS * FILE_MB} MB`,
      ].join("\n"),
    );
  } finally {
    if (sampling) clearInterval(sampling);
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await dropBenchDatabase(data.name);
    rmSync(storageDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
