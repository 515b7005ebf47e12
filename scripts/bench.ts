// npm run bench [-- <name> ...] — runs scripts/bench/<name>.ts (all of them when no name is given).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const available = readdirSync(path.resolve("scripts/bench"))
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.replace(/\.ts$/, ""));
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(", ")}. Available: ${available.join(", ")}`);
  process.exit(2);
}
let failed = false;
for (const name of requested.length ? requested : available) {
  console.log(`\n== ${name} ==`);
  const run = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), `scripts/bench/${name}.ts`], { stdio: "inherit" });
  failed ||= run.status !== 0;
}
process.exit(failed ? 1 : 0);
