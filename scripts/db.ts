// npm run db -- <deploy|status|dev --name x|diff|reset --force|seed>
// Prisma's migrate commands on the wasm schema engine; same folder layout and history table as Prisma's CLI.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { config } from "../lib/config";
import { createDb } from "../lib/db/client";
import { connectForCommand } from "../lib/db/embedded-runtime";
import { startEmbeddedDatabase } from "../lib/db/embedded-server";
import { deployMigrations } from "../lib/db/migrate";
import { diffMigrationsToSchema, MIGRATIONS_DIR, NO_FILTERS, openSchemaEngine, readMigrations } from "../lib/db/schema-engine";
import { seedDatabase } from "../lib/db/seed";
import { loadDotEnv } from "./load-dot-env";
import { runScript } from "./run-script";

const usage = "usage: npm run db -- <deploy | status | dev --name <name> | diff | reset --force | seed>";

runScript(async () => {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { name: { type: "string" }, force: { type: "boolean", default: false } },
  });
  const [command] = positionals;
  loadDotEnv();
  const env = config();

  if (command === "diff") {
    // Compares the migrations with schema.prisma; needs no data, so it never opens the real database.
    const scratch = env.DATABASE_URL ? null : await startEmbeddedDatabase({ dataDir: "memory://" });
    const engine = await openSchemaEngine(env.DATABASE_URL ?? scratch!.url, { embedded: !env.DATABASE_URL });
    try {
      const pending = await diffMigrationsToSchema(engine);
      if (pending === null) {
        console.log("schema.prisma and prisma/migrations agree.");
        return 0;
      }
      console.log(pending);
      console.error("schema.prisma differs from prisma/migrations: run `npm run db -- dev --name <change>`.");
      return 2;
    } finally {
      engine.free();
      await scratch?.close();
    }
  }

  const target = await connectForCommand({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    switch (command) {
      case "deploy": {
        const applied = await deployMigrations(target.url, target);
        console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
        return 0;
      }
      case "status": {
        const engine = await openSchemaEngine(target.url, target);
        try {
          const status = await engine.diagnoseMigrationHistory({
            migrationsList: readMigrations(),
            optInToShadowDatabase: false,
            filters: NO_FILTERS,
          });
          const history = status.history;
          if (!history && status.failedMigrationNames.length === 0 && status.editedMigrationNames.length === 0) {
            console.log(`Database is up to date (${readMigrations().migrationDirectories.length} migrations).`);
            return 0;
          }
          console.log(JSON.stringify({ history, failed: status.failedMigrationNames, edited: status.editedMigrationNames }, null, 2));
          return 1;
        } finally {
          engine.free();
        }
      }
      case "dev": {
        if (!values.name || !/^[a-z0-9_]+$/.test(values.name)) {
          console.error("dev needs --name <snake_case_name>, e.g. npm run db -- dev --name add_products");
          return 2;
        }
        const engine = await openSchemaEngine(target.url, target);
        try {
          const sql = await diffMigrationsToSchema(engine);
          if (sql === null) {
            console.log("No schema change to migrate.");
          } else {
            const name = `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${values.name}`;
            mkdirSync(path.join(MIGRATIONS_DIR, name), { recursive: true });
            writeFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), sql);
            console.log(`Created prisma/migrations/${name}/migration.sql`);
          }
        } finally {
          engine.free();
        }
        const applied = await deployMigrations(target.url, target);
        if (applied.length) console.log(`Applied: ${applied.join(", ")}`);
        return 0;
      }
      case "reset": {
        if (!values.force) {
          console.error("reset deletes every row and table: run it as `npm run db -- reset --force`.");
          return 2;
        }
        const engine = await openSchemaEngine(target.url, target);
        try {
          await engine.reset({ filter: NO_FILTERS });
        } finally {
          engine.free();
        }
        await deployMigrations(target.url, target);
        return await seed(target.url);
      }
      case "seed":
        return await seed(target.url);
      default:
        console.error(usage);
        return 2;
    }
  } finally {
    await target.release();
  }
});

async function seed(url: string) {
  const db = createDb(url, { max: 2 });
  try {
    const result = await seedDatabase(db, { coachEmail: config().COACH_EMAIL });
    console.log(result.seeded ? "Seeded demo data." : "The database already has data; seed left it alone.");
    return 0;
  } finally {
    await db.$disconnect();
  }
}
