import { forbidden, redirect } from "next/navigation";
import { AuthRequiredError, ForbiddenError } from "../errors";
import { getCurrentUser, type CurrentUser } from "./current-user";

// Pages call requireUser/requireCoach at the top of EVERY protected page (never only in a layout:
// layouts and pages render in parallel). Domain functions check again with assertCoach.
// See docs/decisions/004-rendering-and-auth-redirects.md.

export type Coach = CurrentUser & { role: "COACH" };

/** The signed-in user, or a 307 to /signin that comes back to `returnTo` afterwards. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** The coach; a signed-out visitor goes to /signin, a signed-in client gets the 403 page. */
export async function requireCoach(returnTo: string): Promise<Coach> {
  const user = await requireUser(returnTo);
  if (!isCoach(user)) forbidden();
  return user;
}

export function isCoach(user: CurrentUser | null): user is Coach {
  return user?.role === "COACH";
}

/** For domain functions: throws the typed errors that the route and action wrappers turn into 401/403. */
export function assertCoach(user: CurrentUser | null): asserts user is Coach {
  if (!user) throw new AuthRequiredError();
  if (!isCoach(user)) throw new ForbiddenError();
}
