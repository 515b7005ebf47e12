import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ClientBookings } from "@/components/booking/client-bookings";
import { isCoach, requireUser } from "@/lib/auth/guards";
import { listClientBookings } from "@/lib/booking/list-client-bookings";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  const bookings = await listClientBookings({ db: getDb(), actor: user });
  const now = new Date().getTime();

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
        <ClientBookings bookings={bookings} now={now} />
      </section>

      <section className="card" aria-labelledby="library-heading">
        <h2 id="library-heading">Your library</h2>
        <p>Journals, tools and courses you buy appear here, ready to download or to carry on where you left off.</p>
        <p>
          <Link href="/account/library">Open your library</Link> · <Link href="/shop">Browse the shop</Link>
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
