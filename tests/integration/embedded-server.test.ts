import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded-server";

// The embedded database multiplexes many client connections onto PGlite's single backend. These
// run on PGlite on purpose: they test that multiplexer, not PostgreSQL.

let embedded: EmbeddedDatabase;
let pools: pg.Pool[];

beforeAll(async () => {
  embedded = await startEmbeddedDatabase({ dataDir: "memory://" });
  pools = [new pg.Pool({ connectionString: embedded.url, max: 5 }), new pg.Pool({ connectionString: embedded.url, max: 5 })];
  await pools[0].query("CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)");
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await embedded.close();
});

describe("embedded database server", () => {
  it("keeps each connection's extended-protocol messages together under concurrency", async () => {
    const results = await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const { rows } = await pools[i % 2].query("SELECT $1::int AS n, $2::text AS s", [i, `value-${i}`]);
        return rows[0].n === i && rows[0].s === `value-${i}`;
      }),
    );
    expect(results.every(Boolean)).toBe(true);
  });

  it("isolates a transaction from other connections until it commits or rolls back", async () => {
    const inside = await pools[0].connect();
    try {
      await inside.query("BEGIN");
      await inside.query("INSERT INTO notes VALUES (1, 'draft')");
      // Another connection's statement waits for the transaction instead of running inside it.
      const outside = pools[1].query("INSERT INTO notes VALUES (2, 'other')");
      await inside.query("ROLLBACK");
      await outside;
    } finally {
      inside.release();
    }
    const { rows } = await pools[1].query("SELECT id FROM notes ORDER BY id");
    expect(rows).toEqual([{ id: 2 }]);
  });

  it("rolls back the transaction of a client that disconnects mid-way", async () => {
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO notes VALUES (3, 'abandoned')");
    await client.end();
    const { rows } = await pools[0].query("SELECT count(*)::int AS n FROM notes WHERE id = 3");
    expect(rows[0].n).toBe(0);
  });
});
