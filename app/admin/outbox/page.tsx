import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { EmailStatus } from "@/components/admin/email-status";
import { Pager } from "@/components/admin/pager";
import { requireCoach } from "@/lib/auth/guards";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { listOutbox } from "@/lib/email/list-outbox";
import { formatDateTime } from "@/lib/time/format";
import styles from "./outbox.module.css";

export const metadata: Metadata = { title: "Outbox" };

type Props = { searchParams: Promise<{ page?: string | string[] }> };

export default async function OutboxPage({ searchParams }: Props) {
  const { page: pageParam } = await searchParams;
  const requested = Number(Array.isArray(pageParam) ? pageParam[0] : pageParam) || 1;
  const coach = await requireCoach(requested > 1 ? `/admin/outbox?page=${requested}` : "/admin/outbox");
  const { messages, page, pageCount, total, timeZone } = await listOutbox({ db: getDb(), actor: coach, page: requested });
  const sending = Boolean(config().SMTP_URL);

  return (
    <div className="stack">
      <h1>Outbox</h1>
      <p>Every email the site sends is kept here: what it said, who it went to, and whether it went out.</p>
      {sending ? null : (
        <div className="notice" role="note">
          <h2 className="notice-heading">Sending is switched off</h2>
          <p>
            No mail server is set up (SMTP_URL), so emails wait here as “Waiting to send” and nobody receives them. You can read each
            one below. They go out once a mail server is set up.
          </p>
        </div>
      )}

      {total === 0 ? (
        <p>No emails yet. They appear here as soon as the site writes one, for example a sign-in link.</p>
      ) : (
        <>
          <DataTable
            captionId="outbox-caption"
            caption={`Emails, newest first: page ${page} of ${pageCount} (${total} in all). Times are in ${timeZone}.`}
          >
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Template</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <td className={styles.when}>
                    <time dateTime={message.createdAt.toISOString()}>{formatDateTime(message.createdAt, timeZone)}</time>
                  </td>
                  <td>{message.toAddress}</td>
                  <td>
                    <Link href={`/admin/outbox/${encodeURIComponent(message.id)}`}>{message.subject}</Link>
                  </td>
                  <td>{message.template}</td>
                  <td>
                    <EmailStatus status={message.status} />
                  </td>
                  <td>{message.attempts}</td>
                  <td className={styles.error}>{message.lastError ?? <span className="muted">None</span>}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <Pager
            label="Outbox pages"
            page={page}
            pageCount={pageCount}
            hrefForPage={(n) => (n === 1 ? "/admin/outbox" : `/admin/outbox?page=${n}`)}
            previousText="Newer emails"
            nextText="Older emails"
          />
        </>
      )}
    </div>
  );
}
