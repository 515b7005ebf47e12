// npm run worker — sends outbox email and runs scheduled jobs (pg-boss on the app's database).
// `npm start` runs it beside the web app; run it alone against DATABASE_URL, or with DATABASE_URL
// unset against the embedded database that `npm start` serves (or opens DATA_DIR itself).
import { config } from "../lib/config";
import { connectForCommand } from "../lib/db/embedded-runtime";
import { startWorker } from "../lib/jobs/worker";
import { loadDotEnv } from "./load-dot-env";
import { runScript } from "./run-script";

runScript(async () => {
  loadDotEnv();
  const env = config();
  const database = await connectForCommand({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const worker = await startWorker({ databaseUrl: database.url, smtpUrl: env.SMTP_URL });
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    console.log("[worker] stopping: finishing the jobs in hand…");
    await worker.stop();
    return 0;
  } finally {
    await database.release();
  }
});
