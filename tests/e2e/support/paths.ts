import path from "node:path";

// Shared between the server wrapper (serve.ts) and the tests: everything lives in one scratch folder.
export const E2E_ROOT = path.resolve("tmp/e2e");
export const MAIL_DIR = path.join(E2E_ROOT, "mail");
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const COACH_EMAIL = "coach@example.com";
