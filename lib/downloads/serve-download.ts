import { ReadStream } from "node:fs";
import type { Readable } from "node:stream";
import type { Db } from "../db/client";
import { AppError, RateLimitedError } from "../errors";
import { attachmentDisposition } from "../http/content-disposition";
import { consumeRateLimit } from "../rate-limit/consume-rate-limit";
import type { FileStorage } from "../storage/file-storage";
import { getStorage } from "../storage/get-storage";
import { accessEndedError, DOWNLOAD_LIMIT, downloadLimitError, linkExpiredError, linkInvalidError } from "./download-errors";
import { verifyDownloadToken } from "./download-token";
import { parseByteRange } from "./parse-byte-range";

export const DOWNLOADS_PER_IP = { limit: 60, windowSeconds: 15 * 60 };

/**
 * GET (and HEAD) /api/downloads/<token>: rate limit per IP → token signature and expiry → the
 * entitlement and the file, both named by the signed token and the file required to belong to the
 * entitlement's product → ACTIVE (a refunded purchase gets a kind 403) → the byte range asked for
 * (resumable downloads) → the per-purchase limit, counted once per link by one conditional UPDATE
 * (so parallel requests can neither overshoot it nor count one link twice) → the file, or the range
 * of it, streamed from storage, never buffered whole. HEAD answers what a GET without Range would
 * (ranges are defined for GET only), without a body and without counting.
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
  const { entitlementId, productFileId, linkId } = verified.claims;

  const entitlement = await db.entitlement.findUnique({
    where: { id: entitlementId },
    select: {
      status: true,
      downloadCount: true,
      countedLinkId: true,
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
  // One link is one counted download, whatever its requests: a probe, parallel segments, a
  // resumption or a retry within its 10 minutes. Counting per link rather than per range is what
  // keeps "bytes=1-" on fresh links from dodging the limit, and a download manager from using up
  // several downloads at once. A link that was counted stays usable at the limit.
  const countedHere = entitlement.countedLinkId === linkId;
  if (!countedHere && entitlement.downloadCount >= DOWNLOAD_LIMIT) throw downloadLimitError();
  let counted = false;
  if (!countedHere && !head) {
    const { count } = await db.entitlement.updateMany({
      where: { id: entitlementId, status: "ACTIVE", downloadCount: { lt: DOWNLOAD_LIMIT }, OR: [{ countedLinkId: null }, { countedLinkId: { not: linkId } }] },
      data: { downloadCount: { increment: 1 }, lastDownloadAt: now, countedLinkId: linkId },
    });
    counted = count === 1;
    if (!counted) {
      // Refused by the WHERE: the purchase ended, the limit was reached, or a parallel request on
      // this same link counted it first (then this request is part of that download).
      const current = await db.entitlement.findUnique({ where: { id: entitlementId }, select: { status: true, countedLinkId: true } });
      if (current?.status !== "ACTIVE") throw accessEndedError();
      if (current.countedLinkId !== linkId) throw downloadLimitError();
    }
  }

  const stream = (options.storage ?? getStorage()).read(file.storageKey, partial ?? undefined);
  try {
    await openedOrUnavailable(stream, `download ${entitlementId}/${productFileId}`);
  } catch (error) {
    // Counted but not served: give the download back.
    if (counted) {
      await db.entitlement.updateMany({
        where: { id: entitlementId, downloadCount: { gt: 0 }, countedLinkId: linkId },
        data: { downloadCount: { decrement: 1 }, countedLinkId: null },
      });
    }
    throw error;
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

/**
 * Waits until a stored file's stream has its file open. A file missing from storage is logged for
 * the operator (as `what`) and becomes a calm 503, so the answer is an error, never a 200 whose
 * body breaks off.
 */
export async function openedOrUnavailable(stream: Readable, what: string): Promise<void> {
  try {
    await opened(stream);
  } catch (error) {
    console.error(`${what}: stored file missing (${(error as Error).message})`);
    throw new AppError("file_unavailable", "This file can't be downloaded right now. We've been told; please try again later.", 503);
  }
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
