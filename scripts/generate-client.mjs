// Generates the Prisma client offline: the client is wasm, but the CLI insists on locating a
// native schema engine it will not use for `generate`, so point it at any existing file.
// With --if-stale it only does so when prisma/schema.prisma changed since the last generation, so
// `git pull && npm start` works without a fresh `npm ci` (the client is generated, not committed).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const STAMP = "lib/db/generated/.schema-sha256";
const schemaHash = createHash("sha256").update(readFileSync("prisma/schema.prisma")).digest("hex");
const ifStale = process.argv.includes("--if-stale");
if (ifStale) {
  if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === schemaHash) process.exit(0);
  console.log("[prisma] schema.prisma changed since the client was generated: generating it again…");
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: ifStale ? "ignore" : "inherit", env });
if (result.status === 0) writeFileSync(STAMP, schemaHash);
else if (ifStale) console.error("[prisma] generating the client failed: run `npx prisma generate` to see why.");
process.exit(result.status ?? 1);
