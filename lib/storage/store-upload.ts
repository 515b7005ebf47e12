import { Readable, Transform } from "node:stream";
import { config } from "../config";
import type { DbOrTx } from "../db/client";
import { AppError, InvalidInputError } from "../errors";
import { detectFileType, fileTypes, magicBytesNeeded, type FileType } from "./detect-file-type";
import type { FileStorage } from "./file-storage";
import { getStorage } from "./get-storage";
import { newStorageKey } from "./local-disk-storage";

export class FileTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super("file_too_large", `That file is larger than ${formatLimit(maxBytes)}. Please choose a smaller file.`, 413, { maxBytes });
  }
}

export class UnsupportedFileTypeError extends InvalidInputError {
  constructor(allowed: readonly FileType[]) {
    super(`That file isn't one we can accept. Please upload ${listTypes(allowed)}.`, { file: "Unsupported file type" }, "unsupported_file_type");
  }
}

export type StoredFileRow = { id: string; storageKey: string; fileName: string; contentType: string; sizeBytes: number; sha256: string };

/**
 * Stores an uploaded file: its type is read from its first bytes (PDF, ZIP, PNG or JPEG only, or
 * the narrower `allowedTypes`), its size is counted while it streams and the upload stops as soon
 * as it passes `maxBytes` (UPLOAD_MAX_MB by default); the SHA-256 is computed on the way to disk.
 * Then the StoredFile row is created (the stored file is removed again if that fails).
 * A `declaredBytes` over `maxBytes` (a request's Content-Length) is refused before a byte is read.
 * `fileName` is only the name the download is offered under, cleaned; the storage key is random.
 */
export async function storeUpload(options: {
  db: DbOrTx;
  source: Readable | ReadableStream<Uint8Array>;
  fileName: string;
  maxBytes?: number;
  declaredBytes?: number;
  allowedTypes?: readonly FileType[];
  storage?: FileStorage;
}): Promise<StoredFileRow> {
  const storage = options.storage ?? getStorage();
  const maxBytes = options.maxBytes ?? config().UPLOAD_MAX_MB * 1024 * 1024;
  if (options.declaredBytes !== undefined && options.declaredBytes > maxBytes) throw new FileTooLargeError(maxBytes);
  const allowed = options.allowedTypes ?? (Object.keys(fileTypes) as FileType[]);
  const source = options.source instanceof Readable ? options.source : Readable.fromWeb(options.source as import("node:stream/web").ReadableStream<Uint8Array>);

  let detected: FileType | null = null;
  let head: Buffer | null = Buffer.alloc(0); // the first bytes, held back until the type is known
  let total = 0;
  const decide = (): Error | null => {
    detected = detectFileType(head!);
    return detected && allowed.includes(detected) ? null : new UnsupportedFileTypeError(allowed);
  };
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) return callback(new FileTooLargeError(maxBytes));
      if (!head) return callback(null, chunk);
      head = Buffer.concat([head, chunk]);
      if (head.length < magicBytesNeeded) return callback();
      const error = decide();
      const held = head;
      head = null;
      callback(error, error ? undefined : held);
    },
    flush(callback) {
      if (!head) return callback();
      const error = decide();
      const held = head;
      head = null;
      callback(error, error ? undefined : held);
    },
  });
  source.on("error", (error) => guard.destroy(error));
  guard.on("error", () => source.destroy());

  const key = newStorageKey();
  const { sizeBytes, sha256 } = await storage.put(key, source.pipe(guard));
  if (sizeBytes === 0 || !detected) throw new UnsupportedFileTypeError(allowed);
  const type = fileTypes[detected as FileType];
  try {
    return await options.db.storedFile.create({
      data: { storageKey: key, fileName: cleanFileName(options.fileName, type.extension), contentType: type.contentType, sizeBytes, sha256 },
      select: { id: true, storageKey: true, fileName: true, contentType: true, sizeBytes: true, sha256: true },
    });
  } catch (error) {
    await storage.remove(key);
    throw error;
  }
}

/** A name safe to offer a download under: no directories or control characters, the right extension. */
export function cleanFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "")
    .replace(/^[\s.]+/, "")
    .trim()
    .slice(0, 150);
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, "") || "file";
  return `${stem}.${extension}`;
}

function formatLimit(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Math.round(mb * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function listTypes(types: readonly FileType[]): string {
  const names = types.map((type) => type.toUpperCase());
  return names.length === 1 ? `a ${names[0]}` : `a ${names.slice(0, -1).join(", ")} or ${names.at(-1)} file`;
}
