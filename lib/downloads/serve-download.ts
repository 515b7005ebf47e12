import { ReadStream } from "node:fs";
import type { Readable } from "node:stream";
import type { Db } from "../db/client";
import { AppError, RateLimitedError } from "../errors";
import { attachmentDisposition } from "../http/content-disposition";
import { consumeRateLimit } from "../rate-limit/consume-rate-limit";
import type { FileStorage } from "../storage/file-storage";
import { getStorage } from "../storage/get-storage";
import { accessEndedError, DOWNLOAD_LIMIT, downloadLimitError, linkExpiredError, linkInvalidError } from "./download-errors";
import { DOWNLOAD_LINK_TTL_SECONDS, verifyDownloadToken } from "./download-token";
import { parseByteRange } from "./parse-byte-range";

export const DOWNLOADS_PER_IP = { limit: 60, windowSeconds: 15 * 60 };

/**
 * GET (and HEAD) /api/downloads/<token>: rate limit per IP → token signature and expiry → the
 * entitlement and the file, both named by the signed token and the file required to belong to the
 * entitlement's product → ACTIVE (a refunded purchase gets a kind 403) → the byte range asked for
 * (resumable downloads) → the per-purchase limit, counted by one conditional UPDATE (so parallel
 * requests cannot overshoot it) → the file, or the range of it, streamed from storage, never
 * buffered whole. HEAD answers what a GET without Range would (ranges are defined for GET only),
 * without a body and without counting.
 */
export async function serveDownload(options: {
  db: Db;
  token: string;
  ip: string;
  method?: "GET" | "HEAD";
  range?: string | null;
  ifRange?: string | null;
  now?: Date;
  storage?: FileStorage;
}): Promise<Response> {
  const { db, token, ip } = options;
  const head = options.method === "HEAD";
  const now = options.now ?? new Date();
  const limited = await consumeRateLimit(db, { key: `download:ip:${ip}`, ...DOWNLOADS_PER_IP, now });
  if (!limited.allowed) {
    throw new RateLimitedError("That's a lot of downloads in a short time. Please wait a few minutes and try again.", limited.retryAfterSeconds);
  }
  const verified = verifyDownloadToken(token, { now });
  if (!verified.ok) throw verified.reason === "expired" ? linkExpiredError() : linkInvalidError();
  const { entitlementId, productFileId, expiresAt } = verified.claims;

  const entitlement = await db.entitlement.findUnique({
    where: { id: entitlementId },
    select: {
      status: true,
      downloadCount: true,
      lastDownloadAt: true,
      product: {
        select: {
          files: {
            where: { id: productFileId },
            select: { file: { select: { storageKey: true, fileName: true, contentType: true, sizeBytes: true, sha256: true } } },
          },
        },
      },
    },
  });
  const file = entitlement?.product.files[0]?.file;
  if (!entitlement || !file) throw linkInvalidError();
  if (entitlement.status !== "ACTIVE") throw accessEndedError();

  const etag = `"${file.sha256}"`;
  const privateHeaders = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" };
  // If-Range names the copy the client already holds part of: a different one (or a date, which
  // this route never sends) must get the whole file, not a slice spliced onto stale bytes.
  const rangeApplies = !head && (options.ifRange == null || options.ifRange.trim() === etag);
  const range = rangeApplies ? parseByteRange(options.range, file.sizeBytes) : { kind: "whole" as const };
  if (range.kind === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...privateHeaders, "Content-Range": `bytes */${file.sizeBytes}`, "Content-Length": "0" } });
  }

  const partial = range.kind === "partial" ? { start: range.start, end: range.end } : null;
  // A range starting past byte 0 resumes a download: not counted again, even at the limit, but only
  // once this very link has been counted (the purchase's last counted download is no older than the
  // link). Otherwise "bytes=1-" on each fresh link would be nearly the whole file, never counted;
  // this way one link is one counted download plus resumptions until it expires (10 minutes), still
  // under the per-IP rate limit.
  const mintedAt = expiresAt.getTime() - DOWNLOAD_LINK_TTL_SECONDS * 1000;
  const resumes = partial !== null && partial.start > 0 && entitlement.lastDownloadAt !== null && entitlement.lastDownloadAt.getTime() >= mintedAt;
  if (!resumes && entitlement.downloadCount >= DOWNLOAD_LIMIT) throw downloadLimitError();
  const counts = !resumes && !head;
  if (counts) {
    const { count } = await db.entitlement.updateMany({
      where: { id: entitlementId, status: "ACTIVE", downloadCount: { lt: DOWNLOAD_LIMIT } },
      data: { downloadCount: { increment: 1 }, lastDownloadAt: now },
    });
    if (count === 0) {
      const current = await db.entitlement.findUnique({ where: { id: entitlementId }, select: { status: true } });
      throw current?.status === "ACTIVE" ? downloadLimitError() : accessEndedError();
    }
  }

  const stream = (options.storage ?? getStorage()).read(file.storageKey, partial ?? undefined);
  try {
    await opened(stream);
  } catch (error) {
    // Counted but not served: give the download back.
    if (counts) {
      await db.entitlement.updateMany({ where: { id: entitlementId, downloadCount: { gt: 0 } }, data: { downloadCount: { decrement: 1 } } });
    }
    console.error(`download ${entitlementId}/${productFileId}: stored file missing (${(error as Error).message})`);
    throw new AppError("file_unavailable", "This file can't be downloaded right now. We've been told; please try again later.", 503);
  }
  if (head) stream.destroy();
  return new Response(head ? null : webStream(stream), {
    status: partial ? 206 : 200,
    headers: {
      ...privateHeaders,
      "Content-Type": file.contentType,
      "Content-Length": String(partial ? partial.end - partial.start + 1 : file.sizeBytes),
      ...(partial ? { "Content-Range": `bytes ${partial.start}-${partial.end}/${file.sizeBytes}` } : {}),
      "Content-Disposition": attachmentDisposition(file.fileName),
      "Accept-Ranges": "bytes",
      ETag: etag,
    },
  });
}

/** Waits until a file stream has its file open (or fails), so a missing file is an error page, not a broken download. */
export async function opened(stream: Readable): Promise<void> {
  if (!(stream instanceof ReadStream) || !stream.pending) return;
  await new Promise<void>((resolve, reject) => {
    stream.once("ready", () => resolve());
    stream.once("error", reject);
  });
}

/** A pull-based web stream over a Node stream: one chunk read per pull, so a slow client holds back the disk. */
export function webStream(stream: Readable): ReadableStream<Uint8Array> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        } catch (error) {
          controller.error(error);
        }
      },
      cancel() {
        stream.destroy();
      },
    },
    { highWaterMark: 1 },
  );
}
