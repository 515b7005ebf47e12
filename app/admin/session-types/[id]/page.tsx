import type { Metadata } from "next";
import Link from "next/link";
import { SessionTypeForm } from "@/components/admin/session-types/session-type-form";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { orNotFound } from "@/lib/http/or-not-found";
import { getSessionTypeForCoach } from "@/lib/session-types/get-session-type-for-coach";
import { sessionTypeFormValues } from "@/lib/session-types/session-type-values";
import { updateSessionTypeAction } from "../actions";

export const metadata: Metadata = { title: "Edit session type" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export default async function EditSessionTypePage({ params, searchParams }: Props) {
  const { id } = await params;
  const { created } = await searchParams;
  const coach = await requireCoach(`/admin/session-types/${encodeURIComponent(id)}`);
  const sessionType = await orNotFound(getSessionTypeForCoach({ db: getDb(), actor: coach, id }));

  return (
    <div className="stack">
      <p>
        <Link href="/admin/session-types">← Back to session types</Link>
      </p>
      <h1>{sessionType.title}</h1>
      {created ? (
        <p className="notice" role="status">
          Created. {sessionType.active ? <>Clients can book it at <Link href={`/book/${sessionType.slug}`}>/book/{sessionType.slug}</Link>.</> : "It is not offered yet."}
        </p>
      ) : null}
      <SessionTypeForm key={sessionType.id} action={updateSessionTypeAction} initial={sessionTypeFormValues(sessionType)} submitLabel="Save changes" />
    </div>
  );
}
