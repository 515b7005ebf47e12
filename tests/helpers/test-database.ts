import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { poolConfigFromUrl } from "@/lib/db/connection";
import { startEmbeddedDatabase } from "@/lib/db/embedded-server";
import { deployMigrations } from "@/lib/db/migrate";

export type TestDatabase = { db: Db; url: string; embedded: boolean; drop: () => Promise<void> };

/**
 * An isolated, migrated database for one test file: a fresh database on the TEST_DATABASE_URL
 * PostgreSQL server when it is set, otherwise an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `test_${Date.now()}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client(poolConfigFromUrl(serverUrl));
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await deployMigrations(url.toString(), { embedded: false });
    const db = createDb(url.toString(), { max: 30 });
    return {
      db,
      url: url.toString(),
      embedded: false,
      async drop() {
        await db.$disconnect();
        const cleanup = new pg.Client(poolConfigFromUrl(serverUrl));
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const embedded = await startEmbeddedDatabase({ dataDir: "memory://" });
  await deployMigrations(embedded.url, { embedded: true });
  const db = createDb(embedded.url, { max: 4 });
  return {
    db,
    url: embedded.url,
    embedded: true,
    async drop() {
      await db.$disconnect();
      await embedded.close();
    },
  };
}
