import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FileStorage } from "./file-storage";

const keyPattern = /^[a-f0-9]{2}\/[a-f0-9]{32}$/;

/** A fresh random storage key ("ab/ab12…", two-level so no directory grows huge). */
export function newStorageKey(): string {
  const hex = randomBytes(16).toString("hex");
  return `${hex.slice(0, 2)}/${hex}`;
}

/**
 * Files on the local disk under `root`. Only keys of the shape newStorageKey makes are accepted,
 * so no key can point outside the root. Writes go to `<root>/.tmp/<random>` and are renamed into
 * place (same file system, so the rename is atomic): a reader never sees half a file.
 */
export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!keyPattern.test(key)) throw new Error("Invalid storage key");
    return path.join(this.root, key);
  }

  async put(key: string, source: Readable): Promise<{ sizeBytes: number; sha256: string }> {
    const target = this.pathOf(key);
    const tmpDir = path.join(this.root, ".tmp");
    await mkdir(tmpDir, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, `${randomBytes(12).toString("hex")}.part`);
    const hash = createHash("sha256");
    let sizeBytes = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, measure, createWriteStream(tmp, { flags: "wx", mode: 0o600 }));
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return { sizeBytes, sha256: hash.digest("hex") };
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(key), { highWaterMark: 256 * 1024, ...range });
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
