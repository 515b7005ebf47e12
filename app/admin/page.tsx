import type { Metadata } from "next";
import Link from "next/link";
import { getOverview } from "@/lib/admin/get-overview";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Overview" };

export default async function AdminOverviewPage() {
  const coach = await requireCoach("/admin");
  const {
    outbox: { waiting, failed },
  } = await getOverview({ db: getDb(), actor: coach });

  return (
    <div className="stack">
      <h1>{coach.name ? `Welcome back, ${coach.name}` : "Welcome back"}</h1>
      <p className="muted">Signed in as {coach.email}.</p>

      <section className="card" aria-labelledby="outbox-heading">
        <h2 id="outbox-heading">Outbox</h2>
        <p>
          {waiting === 0 ? "No emails are waiting to be sent." : `${waiting} ${waiting === 1 ? "email is" : "emails are"} waiting to be sent.`}
        </p>
        {failed > 0 ? <p>{`${failed} ${failed === 1 ? "email" : "emails"} could not be sent yet and ${failed === 1 ? "needs" : "need"} a look.`}</p> : null}
        <p>
          <Link href="/admin/outbox">Open the outbox</Link>
        </p>
      </section>
    </div>
  );
}
