import { NO_FILTERS, openSchemaEngine, readMigrations } from "./schema-engine";

/** Applies every migration in prisma/migrations that the database has not seen; returns their names. */
export async function deployMigrations(url: string, options: { embedded: boolean }): Promise<string[]> {
  const engine = await openSchemaEngine(url, options);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: readMigrations(), filters: NO_FILTERS });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}
