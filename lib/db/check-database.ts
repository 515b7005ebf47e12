import { getDb, type Db } from "./client";

const TIMEOUT_MS = 3_000;

/** "ok" when the database answers a trivial query within 3 s; never throws. */
export async function checkDatabase(db: Db = getDb()): Promise<"ok" | "down"> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("database health check timed out")), TIMEOUT_MS);
      }),
    ]);
    return "ok";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}
