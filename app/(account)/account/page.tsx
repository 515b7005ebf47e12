import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { isCoach, requireUser } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("/account");

  return (
    <div className="stack">
      <h1>{user.name ? `Hello, ${user.name}` : "Hello"}</h1>
      <p>
        You&apos;re signed in as <strong>{user.email}</strong>.
      </p>
      {isCoach(user) ? (
        <p>
          <Link href="/admin">Go to your back office</Link>
        </p>
      ) : null}

      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Your sessions</h2>
        <p>
          You have no sessions booked. When you book one, it appears here with its date and time, and a way to
          reschedule or cancel it.
        </p>
        <p>
          <Link href="/book">See available times</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="library-heading">
        <h2 id="library-heading">Your library</h2>
        <p>Journals, tools and courses you buy appear here, ready to download or to carry on where you left off.</p>
        <p>
          <Link href="/shop">Browse the shop</Link>
        </p>
      </section>

      <section aria-labelledby="sign-out-heading">
        <h2 id="sign-out-heading">Signing out</h2>
        <p>Signing out on this device doesn&apos;t affect anything you&apos;ve booked or bought.</p>
        <SignOutButton />
      </section>
    </div>
  );
}
