import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { poolConfigFromUrl } from "./connection";
import { startEmbeddedDatabase } from "./embedded-server";

// Prisma 7's `migrate` CLI needs a native engine that cannot be downloaded here; the same engine
// compiled to wasm runs through a driver adapter instead. See docs/decisions/002-migrations-on-wasm-engine.md.

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");
export const NO_FILTERS = { externalTables: [], externalEnums: [] };

const PG_CHAR_OID = 18; // the internal one-byte "char" type (pg_constraint.contype etc.)
const PG_TEXT_OID = 25;
const CHARACTER_COLUMN_TYPE = 6;

type Queryable = Pick<SqlDriverAdapter, "queryRaw"> & { performIO?: (q: SqlQuery) => Promise<{ fields: { dataTypeID: number }[] }> };

// adapter-pg cannot decode "char" columns, which the engine reads when describing the schema:
// decode them as text and report them as Character.
function readCharColumnsAsText<T extends Queryable>(queryable: T): T {
  const charColumns = new WeakMap<SqlQuery, number[]>();
  const performIO = queryable.performIO?.bind(queryable);
  if (!performIO) return queryable;
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        indexes.push(index);
        field.dataTypeID = PG_TEXT_OID;
      }
    });
    charColumns.set(query, indexes);
    return result;
  };
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(query) ?? []) result.columnTypes[index] = CHARACTER_COLUMN_TYPE;
    return result;
  };
  return queryable;
}

function patchAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  readCharColumnsAsText(adapter as unknown as Queryable);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) =>
    readCharColumnsAsText((await startTransaction(isolationLevel)) as unknown as Queryable) as never;
  return adapter;
}

// The shadow database is an in-memory PGlite when the target is the embedded server: pglite-socket
// ignores database names, so a "shadow" created through it would be the real database.
function adapterFactory(url: string, embeddedTarget: boolean): SqlMigrationAwareDriverAdapterFactory {
  const config = { ...poolConfigFromUrl(url), idleTimeoutMillis: 100 };
  const main = new PrismaPg(config);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => patchAdapter(await main.connect()),
    connectToShadowDb: async () => {
      if (!embeddedTarget) return patchAdapter(await main.connectToShadowDb());
      const shadow = await startEmbeddedDatabase({ dataDir: "memory://" });
      const adapter = patchAdapter(await new PrismaPg({ ...poolConfigFromUrl(shadow.url), idleTimeoutMillis: 100 }).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await shadow.close();
      };
      return adapter;
    },
  };
}

let wasmReady = false;
function loadWasm() {
  if (wasmReady) return;
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), {
    "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  wasmReady = true;
}

export async function openSchemaEngine(url: string, options: { embedded: boolean; log?: (line: string) => void }): Promise<SchemaEngine> {
  loadWasm();
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  return glue.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (line: string) => options.log?.(line),
    bindMigrationAwareSqlAdapterFactory(adapterFactory(url, options.embedded)),
  );
}

export function readSchema() {
  return { files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, "utf8") }] };
}

export function readMigrations(): MigrationList {
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  const directories = existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => {
      const file = path.join(MIGRATIONS_DIR, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

/**
 * SQL that takes a database built from prisma/migrations to what schema.prisma describes, or null
 * when they agree. Replays the migrations on a shadow database (this build of the engine can only
 * reach its shadow through `diff`, not through `createMigration`).
 */
export async function diffMigrationsToSchema(engine: SchemaEngine): Promise<string | null> {
  const result = await engine.diff({
    from: { tag: "migrations", ...readMigrations() },
    to: { tag: "schemaDatamodel", ...readSchema() },
    script: true,
    exitCode: true,
    filters: NO_FILTERS,
  });
  return result.exitCode === 2 ? (result.stdout ?? "") : null;
}
