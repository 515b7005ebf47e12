import type { Metadata } from "next";
import Link from "next/link";
import { EmailStatus } from "@/components/admin/email-status";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { getOutboxMessage } from "@/lib/email/get-outbox-message";
import { orNotFound } from "@/lib/http/or-not-found";
import { formatDateTime } from "@/lib/time/format";
import styles from "../outbox.module.css";

export const metadata: Metadata = { title: "Email in the outbox" };

type Props = { params: Promise<{ id: string }> };

function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export default async function OutboxMessagePage({ params }: Props) {
  const { id } = await params;
  const coach = await requireCoach(`/admin/outbox/${encodeURIComponent(id)}`);
  const found = await orNotFound(getOutboxMessage({ db: getDb(), actor: coach, id }));
  const { message, timeZone } = found;
  const when = (instant: Date) => <time dateTime={instant.toISOString()}>{formatDateTime(instant, timeZone)}</time>;

  return (
    <div className="stack">
      <p>
        <Link href="/admin/outbox">← Back to the outbox</Link>
      </p>
      <h1>{message.subject}</h1>

      <dl className="details-list">
        <dt>To</dt>
        <dd>{message.toAddress}</dd>
        <dt>Template</dt>
        <dd>{message.template}</dd>
        <dt>Status</dt>
        <dd>
          <EmailStatus status={message.status} />
        </dd>
        <dt>Created</dt>
        <dd>{when(message.createdAt)}</dd>
        {message.sentAt ? (
          <>
            <dt>Sent</dt>
            <dd>{when(message.sentAt)}</dd>
          </>
        ) : null}
        {message.status === "PENDING" ? (
          <>
            <dt>Next attempt</dt>
            <dd>{message.attempts === 0 ? "Not tried yet" : when(message.nextAttemptAt)}</dd>
          </>
        ) : null}
        <dt>Attempts</dt>
        <dd>{message.attempts}</dd>
        <dt>Last error</dt>
        <dd>{message.lastError ?? "None"}</dd>
      </dl>

      <section className="stack" aria-labelledby="html-heading">
        <h2 id="html-heading">As the reader sees it</h2>
        {/* sandbox="" runs no scripts, submits no forms and gives the email no access to this site. */}
        <iframe
          className={styles.preview}
          title={`HTML version of “${message.subject}”`}
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={message.html}
        />
      </section>

      <section className="stack" aria-labelledby="text-heading">
        <h2 id="text-heading">Plain-text version</h2>
        <pre className={styles.plain}>{message.text}</pre>
      </section>

      <section className="stack" aria-labelledby="attachments-heading">
        <h2 id="attachments-heading">Attachments</h2>
        {message.attachments.length === 0 ? (
          <p>This email has no attachments.</p>
        ) : (
          <ul>
            {message.attachments.map((attachment) => (
              <li key={attachment.index}>
                <a href={`/admin/outbox/${encodeURIComponent(message.id)}/attachments/${attachment.index}`}>
                  {attachment.filename}
                </a>{" "}
                <span className="muted">
                  ({attachment.contentType}, {formatBytes(attachment.bytes)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
