import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { listSessionTypesForCoach } from "@/lib/session-types/list-session-types-for-coach";
import { formatPrice } from "@/lib/session-types/format-price";

export const metadata: Metadata = { title: "Session types" };

export default async function SessionTypesPage() {
  const coach = await requireCoach("/admin/session-types");
  const sessionTypes = await listSessionTypesForCoach({ db: getDb(), actor: coach });

  return (
    <div className="stack">
      <h1>Session types</h1>
      <p>What clients can book: how long each session is, what it costs and what you ask beforehand.</p>
      <p>
        <Link href="/admin/session-types/new" className="button">
          Add a session type
        </Link>
      </p>
      {sessionTypes.length === 0 ? (
        <p>No session types yet. Add one so clients can book you.</p>
      ) : (
        <DataTable captionId="session-types-caption" caption={`Your session types, in the order clients see them (${sessionTypes.length} in all)`}>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Length</th>
              <th scope="col">Price</th>
              <th scope="col">Offered</th>
              <th scope="col">Upcoming bookings</th>
            </tr>
          </thead>
          <tbody>
            {sessionTypes.map((type) => (
              <tr key={type.id}>
                <td>
                  <Link href={`/admin/session-types/${encodeURIComponent(type.id)}`}>
                    {type.title}
                    <span className="visually-hidden"> (edit)</span>
                  </Link>
                  <br />
                  <span className="muted">/book/{type.slug}</span>
                </td>
                <td>{type.durationMinutes} minutes</td>
                <td>{formatPrice(type.priceCents, type.currency)}</td>
                <td>
                  <span className={type.active ? "badge badge-info" : "badge badge-muted"}>{type.active ? "Offered" : "Not offered"}</span>
                </td>
                <td>{type.upcomingBookings}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}
