import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.mjs", "proxy.ts", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["generated", "node_modules"]);

function files(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (statSync(entry).isFile()) return [entry];
  return readdirSync(entry)
    .filter((name) => !SKIP.has(name))
    .sort()
    .flatMap((name) => files(path.join(entry, name)));
}

/** A hash of everything a production build depends on, so `npm start` rebuilds only when needed. */
function buildInputsHash(): string {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap(files)) {
    hash.update(file);
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

/** Runs `next build` unless the last build was made from exactly these sources. */
export function buildIfNeeded(log: (line: string) => void) {
  const stamp = path.resolve(".next/build-inputs.sha256");
  const hash = buildInputsHash();
  if (existsSync(".next/BUILD_ID") && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  log("building the app (first start or code changed; about a minute)…");
  const build = spawnSync(path.resolve("node_modules/.bin/next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (build.status !== 0) throw new Error("next build failed; see the output above");
  writeFileSync(stamp, hash);
}
