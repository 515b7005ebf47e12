import path from "node:path";

// Shared between the server wrapper (serve.ts) and the tests: everything lives in one scratch folder.
export const E2E_ROOT = path.resolve("tmp/e2e");
export const MAIL_DIR = path.join(E2E_ROOT, "mail");
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const COACH_EMAIL = "coach@example.com";

// The second instance of the same build, in Stripe mode against the fake Stripe API that serve.ts
// starts: its own port and embedded database, the same SMTP sink.
export const E2E_STRIPE_PORT = Number(process.env.E2E_STRIPE_PORT ?? 3101);
export const E2E_STRIPE_BASE_URL = `http://localhost:${E2E_STRIPE_PORT}`;
/** serve.ts writes the fake Stripe's address and every webhook it delivered (status and body) here. */
export const FAKE_STRIPE_STATE = path.join(E2E_ROOT, "fake-stripe.json");
