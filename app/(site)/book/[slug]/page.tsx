import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { BookingFlow } from "@/components/booking/booking-flow";
import { durationLabel, firstName, priceLabel } from "@/components/booking/labels";
import { getSessionType } from "@/lib/catalogue/get-session-type";
import { listSessionTypes } from "@/lib/catalogue/list-session-types";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import styles from "../book.module.css";

type Params = { slug: string };

const loadSessionType = cache(async (slug: string) => {
  await connection();
  try {
    return await getSessionType({ db: getDb(), slug });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const sessionType = await loadSessionType((await params).slug);
  return { title: `Book: ${sessionType.title}` };
}

export default async function BookSessionPage({ params }: { params: Promise<Params> }) {
  const sessionType = await loadSessionType((await params).slug);
  const freeAlternative =
    sessionType.priceCents > 0
      ? ((await listSessionTypes({ db: getDb() })).find((type) => type.priceCents === 0 && type.slug !== sessionType.slug) ?? null)
      : null;

  return (
    <div className="stack">
      <p>
        <Link href="/book">All sessions</Link>
      </p>
      <h1>{sessionType.title}</h1>
      <p className={styles.facts}>
        {durationLabel(sessionType.durationMinutes)} · {priceLabel(sessionType.priceCents, sessionType.currency)}
      </p>
      <p className={styles.intro}>{sessionType.description}</p>
      <BookingFlow
        sessionType={{
          slug: sessionType.slug,
          title: sessionType.title,
          horizonDays: sessionType.horizonDays,
          intakeQuestions: sessionType.intakeQuestions,
          priceCents: sessionType.priceCents,
          currency: sessionType.currency,
        }}
        holdMinutes={config().BOOKING_HOLD_MINUTES}
        coach={{
          name: firstName(sessionType.coach.name),
          timeZone: sessionType.coach.timeZone,
          cancellationCutoffHours: sessionType.coach.cancellationCutoffHours,
        }}
        now={new Date().toISOString()}
        freeAlternative={freeAlternative ? { slug: freeAlternative.slug, title: freeAlternative.title } : null}
      />
    </div>
  );
}
