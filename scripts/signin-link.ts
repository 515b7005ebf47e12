// npm run signin-link -- <email> [--to /path]   (the coach lands on /admin, anyone else on /account)
// Prints a fresh one-time sign-in link (10 minutes), without sending any email: for the coach of an
// embedded demo, which has no email server. Anyone who can run this can already read the database.
import { parseArgs } from "node:util";
import { config } from "../lib/config";
import { issueSignInLink } from "../lib/auth/issue-sign-in-link";
import { createDb } from "../lib/db/client";
import { connectForCommand, embeddedAuthSecret } from "../lib/db/embedded-runtime";
import { InvalidInputError } from "../lib/errors";
import { loadDotEnv } from "./load-dot-env";
import { runScript } from "./run-script";

runScript(async () => {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { to: { type: "string" } },
  });
  const [email] = positionals;
  if (!email) {
    console.error("usage: npm run signin-link -- <email> [--to /path]");
    return 2;
  }
  loadDotEnv();
  const env = config();
  // The web app of `npm start` signs with AUTH_SECRET or, in the embedded demo, with the secret it
  // generated into DATA_DIR; the link must be hashed with the same one.
  const secret = env.AUTH_SECRET ?? embeddedAuthSecret(env.DATA_DIR);

  const target = await connectForCommand({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  const db = createDb(target.url, { max: 1 });
  try {
    const isCoach = email.trim().toLowerCase() === env.COACH_EMAIL.toLowerCase();
    const link = await issueSignInLink({ db, email, callbackUrl: values.to ?? (isCoach ? "/admin" : undefined), secret });
    console.log(`One-time sign-in link for ${link.email} (works once, until ${link.expires.toLocaleTimeString()}):\n\n${link.url}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    console.error(`${email} doesn't look like an email address.`);
    return 2;
  } finally {
    await db.$disconnect();
    await target.release();
  }
});
