import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { config } from "../config";
import { poolConfigFromUrl } from "./connection";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
/** A transaction handle: what `db.$transaction(async (tx) => …)` passes in. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

// The pool behind each client made by createDb, for queryRows.
const pools = new WeakMap<Db, pg.Pool>();

export function createDb(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({
    ...poolConfigFromUrl(url),
    max: options.max ?? 10,
    // Fail fast when the database is down so /api/health can answer 503 instead of hanging.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 10_000,
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error(`database connection lost: ${error.message}`));
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/**
 * Rows of one SQL statement ($1, $2… placeholders). Through a transaction it runs in that
 * transaction; on the root client it goes straight to the pool, which skips about 1.5 ms of
 * Prisma's client-side work per query: that is what lets the hottest read path (availability)
 * keep up under load.
 */
export async function queryRows<T>(db: DbOrTx, text: string, values: unknown[]): Promise<T[]> {
  const pool = pools.get(db as Db);
  if (pool) return (await pool.query(text, values)).rows as T[];
  return db.$queryRawUnsafe<T[]>(text, ...values);
}

const globalForDb = globalThis as typeof globalThis & { __db?: Db };

/** The process-wide client for the configured database (kept across hot reloads in development). */
export function getDb(): Db {
  if (!globalForDb.__db) {
    const url = config().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides the embedded database");
    globalForDb.__db = createDb(url);
  }
  return globalForDb.__db;
}
