import { z } from "zod";

// The environment, parsed once. A bad value stops start-up with one line that names the variable
// and shows a valid example, never a stack trace.

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), "must be a postgresql:// URL");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: postgresUrl.optional(),
  // Set by `npm start`/`npm run dev` for the processes it supervises; not meant to be set by hand.
  EMBEDDED_DATABASE: z.enum(["0", "1"]).default("0"),
  DATA_DIR: z.string().min(1).default(".data"),
  // 0 lets the system pick a free port (tests use it).
  EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Defaults to http://localhost:<PORT>.
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\//.test(value) && URL.canParse(value), "must be an smtp:// or smtps:// URL")
    .optional(),
  EMAIL_FROM: z.string().min(3).default("Calm Coaching <hello@example.com>"),
  COACH_EMAIL: z.email().default("coach@example.com"),
  // Payments: without a secret key, checkout runs in test mode (no money moves).
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_… or sk_live_…)").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, "must be a Stripe webhook signing secret (whsec_…)").optional(),
  // Where the Stripe SDK sends requests; only for tests against a fake Stripe API.
  STRIPE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  // Allows test-mode checkout when NODE_ENV=production (a demo site, say).
  PAYMENTS_TEST_MODE: z.enum(["0", "1"]).default("0"),
  // How long a time is held for a client while they pay.
  BOOKING_HOLD_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(30),
  // Where uploaded product files live; defaults to <DATA_DIR>/files.
  STORAGE_DIR: z.string().min(1).optional(),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(2048).default(50),
});

const examples: Record<keyof z.infer<typeof schema>, string> = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://app:secret@127.0.0.1:5432/coaching",
  EMBEDDED_DATABASE: "0",
  DATA_DIR: ".data",
  EMBEDDED_DB_PORT: "54329",
  PORT: "3000",
  APP_URL: "https://coaching.example.com",
  AUTH_SECRET: "a random string of 32+ characters (openssl rand -hex 32)",
  SMTP_URL: "smtp://user:password@smtp.example.com:587",
  EMAIL_FROM: "Calm Coaching <hello@example.com>",
  COACH_EMAIL: "coach@example.com",
  STRIPE_SECRET_KEY: "sk_live_…",
  STRIPE_WEBHOOK_SECRET: "whsec_…",
  STRIPE_API_URL: "http://127.0.0.1:12111",
  PAYMENTS_TEST_MODE: "1",
  BOOKING_HOLD_MINUTES: "30",
  STORAGE_DIR: "/var/lib/coaching/files",
  UPLOAD_MAX_MB: "50",
};

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Configuration error: ${variable} ${reason}. Example: ${variable}=${examples[variable as keyof typeof examples] ?? "…"}`);
    this.name = "ConfigError";
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export type Config = z.infer<typeof schema> & { APP_URL: string; STORAGE_DIR: string; embedded: boolean };

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(String(issue.path[0]), lowerFirst(issue.message.replace(/^Invalid input: /, "")));
  }
  const config = result.data;
  if (config.NODE_ENV === "production" && !config.AUTH_SECRET && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new ConfigError("AUTH_SECRET", "is required in production");
  }
  return {
    ...config,
    APP_URL: (config.APP_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, ""),
    STORAGE_DIR: config.STORAGE_DIR ?? `${config.DATA_DIR}/files`,
    embedded: !config.DATABASE_URL || config.EMBEDDED_DATABASE === "1",
  };
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
