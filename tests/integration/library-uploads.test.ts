import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "@/lib/storage/local-disk-storage";
import { FileTooLargeError, storeUpload, UnsupportedFileTypeError } from "@/lib/storage/store-upload";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let root: string;
let storage: LocalDiskStorage;

beforeAll(async () => {
  database = await createTestDatabase();
  root = await mkdtemp(path.join(tmpdir(), "library-uploads-"));
  storage = new LocalDiskStorage(root);
});

afterAll(async () => {
  await database?.drop();
  if (root) await rm(root, { recursive: true, force: true });
});

/** A stream of `chunks`, delivered one by one (as an upload arrives). */
const chunked = (...chunks: Buffer[]) => Readable.from(chunks);
const pdfBytes = (size: number) => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(Math.max(0, size - 9), 0x20)]);

async function filesOnDisk(): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe("storeUpload", () => {
  it("stores a PDF streamed in small pieces, records its size and SHA-256 and names it safely", async () => {
    const bytes = pdfBytes(300_000);
    const pieces = [bytes.subarray(0, 3), bytes.subarray(3, 5), bytes.subarray(5, 100_000), bytes.subarray(100_000)];
    const row = await storeUpload({ db: database.db, storage, source: chunked(...pieces), fileName: "../../etc/My \"journal\".exe" });
    expect(row).toMatchObject({ contentType: "application/pdf", sizeBytes: bytes.length, fileName: "My journal.pdf" });
    expect(row.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(row.storageKey).toMatch(/^[a-f0-9]{2}\/[a-f0-9]{32}$/);
    expect((await readFile(path.join(root, row.storageKey))).equals(bytes)).toBe(true);
    const stored = await database.db.storedFile.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.sha256).toBe(row.sha256);
  });

  it("recognises PNG, JPEG and ZIP by their first bytes, whatever the name says", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
    expect((await storeUpload({ db: database.db, storage, source: chunked(png), fileName: "cover.pdf" })).contentType).toBe("image/png");
    expect((await storeUpload({ db: database.db, storage, source: chunked(jpeg), fileName: "cover" })).fileName).toBe("cover.jpg");
    expect((await storeUpload({ db: database.db, storage, source: chunked(zip), fileName: "bundle.zip" })).contentType).toBe("application/zip");
  });

  it("refuses a file of another type (an HTML page named .pdf) and leaves nothing behind", async () => {
    const before = await filesOnDisk();
    const count = await database.db.storedFile.count();
    await expect(
      storeUpload({ db: database.db, storage, source: chunked(Buffer.from("<html><script>alert(1)</script></html>")), fileName: "journal.pdf" }),
    ).rejects.toBeInstanceOf(UnsupportedFileTypeError);
    await expect(storeUpload({ db: database.db, storage, source: chunked(Buffer.from("%PD")), fileName: "tiny.pdf" })).rejects.toBeInstanceOf(
      UnsupportedFileTypeError,
    );
    await expect(storeUpload({ db: database.db, storage, source: chunked(), fileName: "empty.pdf" })).rejects.toBeInstanceOf(UnsupportedFileTypeError);
    expect(await filesOnDisk()).toEqual(before);
    expect(await database.db.storedFile.count()).toBe(count);
  });

  it("refuses an image slot given a PDF", async () => {
    await expect(
      storeUpload({ db: database.db, storage, source: chunked(pdfBytes(100)), fileName: "cover.png", allowedTypes: ["png", "jpeg"] }),
    ).rejects.toMatchObject({ code: "unsupported_file_type", status: 400 });
  });

  it("stops a file that is too big while it streams, without reading the rest", async () => {
    const before = await filesOnDisk();
    let produced = 0;
    const endless = new Readable({
      read() {
        const chunk = produced === 0 ? pdfBytes(64 * 1024) : Buffer.alloc(64 * 1024);
        produced += chunk.length;
        this.push(produced > 50 * 1024 * 1024 ? null : chunk);
      },
    });
    const error = await storeUpload({ db: database.db, storage, source: endless, fileName: "big.pdf", maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(error).toMatchObject({ status: 413, message: expect.stringContaining("1 MB") });
    expect(produced).toBeLessThan(4 * 1024 * 1024);
    expect(await filesOnDisk()).toEqual(before);
  });

  it("accepts a web ReadableStream (a request body) exactly at the limit", async () => {
    const bytes = pdfBytes(2048);
    const row = await storeUpload({ db: database.db, storage, source: new Blob([bytes]).stream(), fileName: "limit.pdf", maxBytes: 2048 });
    expect(row.sizeBytes).toBe(2048);
  });
});
