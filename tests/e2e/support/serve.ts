// The server under test: a real SMTP sink (messages saved as JSON files the tests read) and the
// product started exactly as `npm start` starts it, on a fresh embedded database.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startSmtpSink } from "../../helpers/smtp-sink";
import { COACH_EMAIL, E2E_BASE_URL, E2E_PORT, E2E_ROOT, E2E_SMTP_PORT, MAIL_DIR } from "./paths";

rmSync(E2E_ROOT, { recursive: true, force: true });
mkdirSync(MAIL_DIR, { recursive: true });

let count = 0;
const sink = await startSmtpSink({
  port: E2E_SMTP_PORT,
  onMessage: (message) => {
    count += 1;
    writeFileSync(path.join(MAIL_DIR, `${String(count).padStart(4, "0")}.json`), JSON.stringify(message));
  },
});

const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(E2E_PORT),
  APP_URL: E2E_BASE_URL,
  DATA_DIR: path.join(E2E_ROOT, "data"),
  EMBEDDED_DB_PORT: "0",
  SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
  COACH_EMAIL,
};
delete env.DATABASE_URL;
const app = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], { stdio: "inherit", env });

const stop = () => {
  app.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
app.on("exit", async (code) => {
  await sink.close();
  process.exit(code ?? 0);
});
