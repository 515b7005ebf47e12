import type { Metadata } from "next";
import Link from "next/link";
import { SessionTypeForm } from "@/components/admin/session-types/session-type-form";
import { getCoachCurrency } from "@/lib/admin/get-coach-currency";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { newSessionTypeValues } from "@/lib/session-types/session-type-values";
import { createSessionTypeAction } from "../actions";

export const metadata: Metadata = { title: "New session type" };

export default async function NewSessionTypePage() {
  const coach = await requireCoach("/admin/session-types/new");
  const currency = await getCoachCurrency({ db: getDb(), actor: coach });

  return (
    <div className="stack">
      <p>
        <Link href="/admin/session-types">← Back to session types</Link>
      </p>
      <h1>New session type</h1>
      <SessionTypeForm action={createSessionTypeAction} initial={newSessionTypeValues(currency)} submitLabel="Create session type" />
    </div>
  );
}
