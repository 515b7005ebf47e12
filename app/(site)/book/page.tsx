import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { durationLabel, priceLabel } from "@/components/booking/labels";
import { listSessionTypes } from "@/lib/catalogue/list-session-types";
import { getDb } from "@/lib/db/client";
import styles from "./book.module.css";

export const metadata: Metadata = {
  title: "Book a session",
  description: "Choose a session and a time that suits you, in your own time zone.",
};

export default async function BookPage() {
  // Read per request: the coach's changes to her session types show at once.
  await connection();
  const sessionTypes = await listSessionTypes({ db: getDb() });

  return (
    <div className="stack">
      <h1>Book a session</h1>
      <p>Choose the kind of session you&apos;d like. On the next page you&apos;ll see the free times, shown in your own time zone.</p>
      {sessionTypes.length ? (
        <ul className="card-list">
          {sessionTypes.map((type) => (
            <li key={type.slug} className="card stack card-list-item">
              <h2 className={styles.title}>{type.title}</h2>
              <p className={styles.facts}>
                {durationLabel(type.durationMinutes)} · {priceLabel(type.priceCents, type.currency)}
              </p>
              <p>{type.description}</p>
              <p>
                <Link className="button" href={`/book/${type.slug}`}>
                  See available times<span className="visually-hidden"> for the {type.title}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="notice">
          There are no sessions open for booking at the moment. Please come back a little later; nothing is wrong on your side.
        </p>
      )}
    </div>
  );
}
