import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { AuthOptions } from "next-auth";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import EmailProvider from "next-auth/providers/email";
import { config } from "../config";
import { getDb, type Db } from "../db/client";
import type { Role } from "../db/generated/client";
import { authSecret, ensureNextAuthUrl } from "./auth-environment";
import type { CurrentUser } from "./current-user";
import { SIGN_IN_LINK_MINUTES } from "./issue-sign-in-link";

/** What the session callback returns, and so what getServerSession gives back. */
export type SessionPayload = { expires: string; user: CurrentUser };

/**
 * next-auth with magic links and database sessions: every request reads the session row and its
 * user, so a role change or a deleted session applies at once. Built lazily (the first request),
 * never at import, so builds and tests need no database or secret to load this module.
 */
export function createAuthOptions(db: Db): AuthOptions {
  ensureNextAuthUrl();
  const coachEmail = config().COACH_EMAIL.toLowerCase();
  const adapter: Adapter = {
    // The generated client is a different type from @prisma/client's, with the same delegates.
    ...PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]),
    // The one place accounts are created (on the first use of a sign-in link). The role comes from
    // configuration: COACH_EMAIL is the coach; everyone else is a client. Nothing else is copied in.
    createUser: ({ email, emailVerified }: Omit<AdapterUser, "id">) => {
      const address = email.toLowerCase();
      return db.user.create({ data: { email: address, emailVerified, role: address === coachEmail ? "COACH" : "CLIENT" } });
    },
  };
  return {
    secret: authSecret(),
    adapter,
    session: { strategy: "database" },
    providers: [
      EmailProvider({
        maxAge: SIGN_IN_LINK_MINUTES * 60,
        // Links are issued by requestSignInLink (rate-limited, written to the outbox). next-auth's own
        // sending is unreachable (POST /api/auth/signin/* answers 404) and refuses if ever called.
        sendVerificationRequest() {
          throw new Error("Sign-in links are issued by requestSignInLink, not by next-auth.");
        },
      }),
    ],
    pages: { signIn: "/signin", verifyRequest: "/signin?sent=1", error: "/signin" },
    callbacks: {
      // `user` is the users row just read from the database. `newSession` (whatever a browser sends
      // to session.update()) is deliberately ignored: identity and role never come from the client.
      session({ session, user }) {
        const { id, email, name, role } = user as AdapterUser & { role: Role };
        const payload: SessionPayload = { expires: session.expires, user: { id, email, name: name ?? null, role } };
        return payload;
      },
    },
  };
}

let options: AuthOptions | undefined;

/** The options for the app's database, built on first use. */
export function authOptions(): AuthOptions {
  options ??= createAuthOptions(getDb());
  return options;
}
