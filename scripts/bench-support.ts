// What the server benchmarks (scripts/bench/*.ts) share: a throwaway PostgreSQL database, waiting
// for `next start`, and the CPU and memory of the server's process tree read from /proc.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { poolConfigFromUrl } from "@/lib/db/connection";
import { deployMigrations } from "@/lib/db/migrate";

export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Runs `fn` with a connection to the server's maintenance database, then closes it. */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(poolConfigFromUrl(BENCH_SERVER_URL));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database on the bench server; drop it with dropBenchDatabase. */
export async function createBenchDatabase(): Promise<{ url: string; name: string }> {
  const name = `bench_${randomBytes(4).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  try {
    await deployMigrations(url.toString(), { embedded: false });
  } catch (error) {
    await dropBenchDatabase(name);
    throw error;
  }
  return { url: url.toString(), name };
}

export async function dropBenchDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Waits (up to a minute) until `next start` on the port answers `path` (an app without /api/health: "/"). */
export async function waitForHealth(port: number, path = "/api/health"): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${path}`)).ok) return;
    } catch {
      // starting
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("next start did not become healthy");
}

/** CPU seconds (user, system) used so far and the RSS (MB) of a process and all its descendants. */
export function processTreeUsage(rootPid: number): { userSeconds: number; systemSeconds: number; cpuSeconds: number; rssMb: number } {
  const ticks = 100; // USER_HZ on Linux
  const stats = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        // Fields after the command name: state ppid … utime(14) stime(15) … rss(24, in pages).
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
        const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
        return [{ pid: Number(pid), ppid: Number(fields[1]), user: Number(fields[11]) / ticks, system: Number(fields[12]) / ticks, rssKb }];
      } catch {
        return [];
      }
    });
  const inTree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const stat of stats) {
      if (!inTree.has(stat.pid) && inTree.has(stat.ppid)) {
        inTree.add(stat.pid);
        grew = true;
      }
    }
  }
  const tree = stats.filter((stat) => inTree.has(stat.pid));
  const sum = (pick: (stat: (typeof tree)[number]) => number) => tree.reduce((total, stat) => total + pick(stat), 0);
  const userSeconds = sum((stat) => stat.user);
  const systemSeconds = sum((stat) => stat.system);
  return { userSeconds, systemSeconds, cpuSeconds: userSeconds + systemSeconds, rssMb: sum((stat) => stat.rssKb) / 1024 };
}
