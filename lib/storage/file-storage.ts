import type { Readable } from "node:stream";

/**
 * Where product files and images live. Keys are made by the storage layer (random, never user
 * input); callers keep them in StoredFile.storageKey and never show them.
 */
export interface FileStorage {
  /** Streams `source` into `key`; the file appears only once it is complete (temp file, then rename). */
  put(key: string, source: Readable): Promise<{ sizeBytes: number; sha256: string }>;
  /**
   * A stream of the stored bytes, or only bytes `start` to `end` (both inclusive, as in an HTTP
   * byte range); it errors (ENOENT) when the key does not exist.
   */
  read(key: string, range?: { start: number; end: number }): Readable;
  /** Removes the file; a missing file is not an error. */
  remove(key: string): Promise<void>;
}
