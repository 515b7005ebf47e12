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

export const DOWNLOADS_PER_IP = { limit: 60, windowSeconds: 15 * 60 };

/**
 * GET /api/downloads/<token>: rate limit per IP → token signature and expiry → the entitlement and
 * the file, both named by the signed token and the file required to belong to the entitlement's
 * product → ACTIVE (a refunded purchase gets a kind 403) → the per-purchase limit, counted by one
 * conditional UPDATE (so parallel requests cannot overshoot it) → the file streamed from storage,
 * never buffered whole.
 */
export async function serveDownload(options: {
  db: Db;
  token: string;
  ip: string;
  now?: Date;
  storage?: FileStorage;
}): Promise<Response> {
  const { db, token, ip } = options;
  const now = options.now ?? new Date();
  const limited = await consumeRateLimit(db, { key: `download:ip:${ip}`, ...DOWNLOADS_PER_IP, now });
  if (!limited.allowed) {
    throw new RateLimitedError("That's a lot of downloads in a short time. Please wait a few minutes and try again.", limited.retryAfterSeconds);
  }
  const verified = verifyDownloadToken(token, { now });
  if (!verified.ok) throw verified.reason === "expired" ? linkExpiredError() : linkInvalidError();
  const { entitlementId, productFileId } = verified.claims;

  const entitlement = await db.entitlement.findUnique({
    where: { id: entitlementId },
    select: {
      status: true,
      downloadCount: true,
      product: {
        select: {
          files: {
            where: { id: productFileId },
            select: { file: { select: { storageKey: true, fileName: true, contentType: true, sizeBytes: true } } },
          },
        },
      },
    },
  });
  const file = entitlement?.product.files[0]?.file;
  if (!entitlement || !file) throw linkInvalidError();
  if (entitlement.status !== "ACTIVE") throw accessEndedError();
  if (entitlement.downloadCount >= DOWNLOAD_LIMIT) throw downloadLimitError();

  const { count } = await db.entitlement.updateMany({
    where: { id: entitlementId, status: "ACTIVE", downloadCount: { lt: DOWNLOAD_LIMIT } },
    data: { downloadCount: { increment: 1 }, lastDownloadAt: now },
  });
  if (count === 0) {
    const current = await db.entitlement.findUnique({ where: { id: entitlementId }, select: { status: true } });
    throw current?.status === "ACTIVE" ? downloadLimitError() : accessEndedError();
  }

  const stream = (options.storage ?? getStorage()).read(file.storageKey);
  try {
    await opened(stream);
  } catch (error) {
    // Counted but not served: give the download back.
    await db.entitlement.updateMany({ where: { id: entitlementId, downloadCount: { gt: 0 } }, data: { downloadCount: { decrement: 1 } } });
    console.error(`download ${entitlementId}/${productFileId}: stored file missing (${(error as Error).message})`);
    throw new AppError("file_unavailable", "This file can't be downloaded right now. We've been told; please try again later.", 503);
  }
  return new Response(webStream(stream), {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": attachmentDisposition(file.fileName),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
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
