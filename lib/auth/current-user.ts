import { getServerSession } from "next-auth";
import type { AuthOptions } from "next-auth";
import { cookies } from "next/headers";
import { authOptions, type SessionPayload } from "./auth-options";

export type CurrentUser = { id: string; email: string; name: string | null; role: "CLIENT" | "COACH" };

/** The signed-in user, read from the database session on every call; null when signed out. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  // Touch the request before the options open the database: this makes every caller dynamic, so
  // `next build` never prerenders a page that reads the session (and needs no database or secret).
  await cookies();
  const session = await getServerSession<AuthOptions, SessionPayload>(authOptions());
  return session?.user ?? null;
}
