import { existsSync } from "node:fs";

/** Reads .env into process.env for command-line entry points (Next reads it itself for the app). */
export function loadDotEnv() {
  if (existsSync(".env")) process.loadEnvFile(".env");
}
