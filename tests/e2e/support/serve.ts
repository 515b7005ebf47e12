// The servers under test: a real SMTP sink (messages saved as JSON files the tests read), a fake
// Stripe API (tests/helpers/fake-stripe.ts) and the product started twice from one build, exactly as
// `npm start` starts it, each on a fresh embedded database:
//   - E2E_PORT (3100): test mode, no Stripe key (the product's own "Test payment" checkout page);
//   - E2E_STRIPE_PORT (3101): Stripe mode, the SDK pointed at the fake, whose hosted page's Pay
//     button sends the signed webhook to this instance's /api/stripe/webhook.
// Playwright waits for the first instance's health; payments-stripe specs wait for the second's.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../../../scripts/build-inputs";
import { startFakeStripe } from "../../helpers/fake-stripe";
import { startSmtpSink } from "../../helpers/smtp-sink";
import { COACH_EMAIL, E2E_BASE_URL, E2E_PORT, E2E_ROOT, E2E_SMTP_PORT, E2E_STRIPE_BASE_URL, E2E_STRIPE_PORT, FAKE_STRIPE_STATE, MAIL_DIR } from "./paths";

const STRIPE_SECRET_KEY = "sk_test_e2e_fake_stripe";

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

const fakeStripe = await startFakeStripe({ webhookUrl: `${E2E_STRIPE_BASE_URL}/api/stripe/webhook` });
// The tests read what the fake did (did the webhook, not the success page, confirm the payment? was
// the refund made at "Stripe"?) from a JSON file, rewritten whenever something new happened.
let written = "";
const writeStripeState = () => {
  const stamp = `${fakeStripe.webhookDeliveries.length}/${fakeStripe.refunds.length}`;
  if (stamp === written) return;
  written = stamp;
  writeFileSync(FAKE_STRIPE_STATE, JSON.stringify({ url: fakeStripe.url, webhookDeliveries: fakeStripe.webhookDeliveries, refunds: fakeStripe.refunds }));
};
writeStripeState();
setInterval(writeStripeState, 100).unref();

type Instance = { name: string; port: number; env: NodeJS.ProcessEnv; child?: ChildProcess; healthy: boolean; restarted: boolean };

const instances: Instance[] = [];
let stopping = false;
let exitCode = 0;
let finishing = false;
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

// One build for both instances: built here first, so the two `scripts/start.ts` find it current
// instead of both building into .next at once.
buildIfNeeded((line) => console.log(`[e2e] ${line}`));

const baseEnv: NodeJS.ProcessEnv = {
  ...process.env,
  EMBEDDED_DB_PORT: "0",
  SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
  COACH_EMAIL,
};
for (const name of ["DATABASE_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_URL", "PAYMENTS_TEST_MODE"]) {
  delete baseEnv[name];
}

const alive = (instance: Instance) => Boolean(instance.child && instance.child.exitCode === null && instance.child.signalCode === null);

function launch(instance: Instance) {
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], { stdio: "inherit", env: instance.env });
  instance.child = child;
  void watchHealth(instance, child);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      // If the sources changed after the build above, both start.ts rebuild and the second one is
      // refused ("Another next build process is already running"). Start it again, once, when the
      // other is up: it then finds the fresh build.
      const other = instances.find((candidate) => candidate !== instance && alive(candidate) && !candidate.healthy);
      if (!instance.healthy && !instance.restarted && other) {
        instance.restarted = true;
        console.error(`[e2e] the ${instance.name} instance stopped while starting (exit ${code}); starting it again once the ${other.name} instance is up.`);
        void whenHealthy(other).then((up) => (up && !stopping ? launch(instance) : stop()));
        return;
      }
      console.error(`[e2e] the ${instance.name} instance stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything.`);
      exitCode = code || 1;
      stop();
    }
    if (!instances.some(alive)) void finish();
  });
}

async function watchHealth(instance: Instance, child: ChildProcess) {
  while (instance.child === child && alive(instance) && !instance.healthy) {
    instance.healthy = await fetch(`http://127.0.0.1:${instance.port}/api/health`).then((response) => response.ok, () => false);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function whenHealthy(instance: Instance): Promise<boolean> {
  while (alive(instance) && !instance.healthy) await new Promise((resolve) => setTimeout(resolve, 500));
  return instance.healthy && alive(instance);
}

function startInstance(name: string, port: number, env: Record<string, string>) {
  const instance: Instance = { name, port, env: { ...baseEnv, ...env, PORT: String(port) }, healthy: false, restarted: false };
  instances.push(instance);
  launch(instance);
}

// `next start` runs with NODE_ENV=production, where test-mode checkout needs PAYMENTS_TEST_MODE=1.
startInstance("test-mode", E2E_PORT, { APP_URL: E2E_BASE_URL, DATA_DIR: path.join(E2E_ROOT, "data"), PAYMENTS_TEST_MODE: "1" });
startInstance("Stripe-mode", E2E_STRIPE_PORT, {
  APP_URL: E2E_STRIPE_BASE_URL,
  DATA_DIR: path.join(E2E_ROOT, "data-stripe"),
  STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET: fakeStripe.webhookSecret,
  STRIPE_API_URL: fakeStripe.url,
});

function stop() {
  stopping = true;
  if (!instances.some(alive)) void finish();
  for (const instance of instances) {
    if (alive(instance)) instance.child!.kill("SIGTERM");
  }
}

async function finish() {
  if (finishing) return;
  finishing = true;
  writeStripeState();
  await Promise.all([sink.close(), fakeStripe.close()]);
  process.exit(exitCode);
}
