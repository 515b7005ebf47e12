import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { DOWNLOAD_LIMIT } from "@/lib/downloads/download-errors";
import { ownValue } from "@/lib/http/own-value";
import { listLibrary, type LibraryItem } from "@/lib/shop/list-library";
import { formatDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "Your library" };

const notices: Record<string, string> = {
  access_ended: "That purchase was refunded, so its files are no longer available to download.",
  download_limit_reached: `That purchase has reached its limit of ${DOWNLOAD_LIMIT} downloads. Email us and we'll happily reset it.`,
  not_found: "We couldn't find that file in your library. It may have been replaced: the list below is up to date.",
  rate_limited: "That's a lot of downloads in a short time. Please wait a few minutes and try again.",
};

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const typeLabel = (contentType: string) =>
  ({ "application/pdf": "PDF", "application/zip": "ZIP", "image/png": "PNG", "image/jpeg": "JPEG" })[contentType] ?? "File";

export default async function LibraryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("/account/library");
  const [{ items, timeZone }, params] = await Promise.all([listLibrary({ db: getDb(), user }), searchParams]);
  const notice = typeof params.notice === "string" ? ownValue(notices, params.notice) : undefined;
  const downloads = items.filter((item) => item.kind === "DOWNLOAD");
  const courses = items.filter((item) => item.kind === "COURSE");

  return (
    <div className="stack">
      <p>
        <Link href="/account">← Your account</Link>
      </p>
      <h1>Your library</h1>
      <p>
        Everything bought with <strong>{user.email}</strong> is here. Each download button makes a fresh link just for you, so
        come back whenever you need a file again.
      </p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}

      {items.length === 0 ? (
        <section className="card">
          <h2>Nothing here yet</h2>
          <p>Journals, tools and courses you buy will appear here, ready to download.</p>
          <p className="muted">
            Bought something with a different email address? Sign out and sign in with that address to see it.
          </p>
          <p>
            <Link href="/shop">Browse the shop</Link>
          </p>
        </section>
      ) : null}

      {downloads.length > 0 ? (
        <section className="stack" aria-labelledby="downloads-heading">
          <h2 id="downloads-heading">Downloads</h2>
          {downloads.map((item) => (
            <LibraryEntry key={item.entitlementId} item={item} timeZone={timeZone} />
          ))}
        </section>
      ) : null}

      {courses.length > 0 ? (
        <section className="stack" aria-labelledby="courses-heading">
          <h2 id="courses-heading">Course access</h2>
          {courses.map((item) => (
            <LibraryEntry key={item.entitlementId} item={item} timeZone={timeZone} />
          ))}
        </section>
      ) : null}
    </div>
  );
}

function LibraryEntry({ item, timeZone }: { item: LibraryItem; timeZone: string }) {
  const headingId = `item-${item.entitlementId}`;
  return (
    <article className="card stack" aria-labelledby={headingId}>
      <div>
        <h3 id={headingId}>{item.productTitle}</h3>
        <p className="muted">Bought on {formatDate(item.purchasedAt, timeZone)}</p>
      </div>
      {item.status === "REVOKED" && item.refundIncomplete ? (
        <p className="notice">
          Access to this purchase was closed{item.revokedAt ? ` on ${formatDate(item.revokedAt, timeZone)}` : ""} for a refund
          that hasn&apos;t gone through yet. We&apos;ve been told and will be in touch to sort it out with you; there&apos;s
          nothing you need to do.
        </p>
      ) : item.status === "REVOKED" ? (
        <p className="notice">
          This purchase was refunded{item.revokedAt ? ` on ${formatDate(item.revokedAt, timeZone)}` : ""}, so it&apos;s no longer
          available here. If that doesn&apos;t sound right, reply to your receipt and we&apos;ll look into it together.
        </p>
      ) : item.kind === "COURSE" ? (
        <>
          <p>{item.summary}</p>
          <p className="notice">
            Your place on this course is saved. The lessons are still being prepared and will open right here, in your library,
            once they&apos;re ready. There&apos;s nothing you need to do meanwhile.
          </p>
        </>
      ) : item.files.length === 0 ? (
        <p className="muted">The files for this purchase are still being prepared and will appear here once they&apos;re ready.</p>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {item.files.map((file) => (
            <li key={file.id}>
              <form method="post" action="/account/library/download" className="actions">
                <input type="hidden" name="entitlementId" value={item.entitlementId} />
                <input type="hidden" name="productFileId" value={file.id} />
                <span>
                  <strong>{file.title}</strong>{" "}
                  <span className="muted">
                    ({typeLabel(file.contentType)}, {formatSize(file.sizeBytes)})
                  </span>
                </span>
                <button type="submit" className="button" aria-label={`Download ${file.title}`}>
                  Download
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
