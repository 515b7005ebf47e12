import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The coach's upload routes with real requests against a real database and a real storage folder:
// who may upload (and that nobody else gets a byte read), from which pages, which files, how large.
vi.mock("next/headers", async () => (await import("../helpers/request-scope")).nextHeaders);
// Outside a Next server there is no cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { POST as uploadFile } from "@/app/api/admin/products/[productId]/files/route";
import { PUT as uploadImage } from "@/app/api/admin/products/[productId]/image/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { createUser, seedPractice } from "../helpers/booking";
import { patchNextHeadersForRequire, withRequest } from "../helpers/request-scope";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

const APP = "http://localhost:3000";
let database: TestDatabase;
let storageDir: string;
let restoreNextHeaders: () => void;
let coach: CurrentUser;
let client: CurrentUser;
let productId: string;

beforeAll(async () => {
  restoreNextHeaders = patchNextHeadersForRequire();
  storageDir = await mkdtemp(path.join(tmpdir(), "admin-product-uploads-"));
  database = await createTestDatabase();
  // Before anything reads the configuration (seeding does), which is parsed once. 1 MB keeps the
  // "too large" cases small.
  Object.assign(process.env, { DATABASE_URL: database.url, STORAGE_DIR: storageDir, AUTH_SECRET: randomBytes(32).toString("hex"), APP_URL: APP, UPLOAD_MAX_MB: "1" });
  ({ coach } = await seedPractice(database.db));
  client = await createUser(database.db, { email: "client@example.com", role: "CLIENT" });
  productId = (await database.db.product.findFirstOrThrow({ where: { kind: "DOWNLOAD" }, select: { id: true } })).id;
});

afterAll(async () => {
  restoreNextHeaders?.();
  await getDb().$disconnect();
  await database?.drop();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

/** A database session for `user`, as the Cookie header a signed-in browser sends. */
async function session(user: CurrentUser) {
  const sessionToken = randomBytes(32).toString("hex");
  await database.db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
  return `next-auth.session-token=${sessionToken}`;
}

/** `bytes` as a request body in 16 KB pieces, pulled only when read; `pulled` counts the pieces taken. */
function bodyOf(bytes: Buffer) {
  const pulled = { pieces: 0 };
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        pulled.pieces += 1;
        controller.enqueue(new Uint8Array(bytes.subarray(offset, (offset += 16 * 1024))));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled };
}

type Send = { bytes: Buffer; cookie?: string | null; origin?: string | null; site?: string; host?: string; declare?: number; id?: string; query?: Record<string, string> };

/** Sends `bytes` to an upload route as the browser island does; `pulled` tells whether any byte was read. */
async function send(kind: "file" | "image", options: Send) {
  const { stream, pulled } = bodyOf(options.bytes);
  const id = options.id ?? productId;
  const query = new URLSearchParams(options.query ?? { fileName: kind === "file" ? "workbook.pdf" : "cover.png" });
  const headers: Record<string, string> = { "content-type": "application/octet-stream" };
  if (options.cookie !== null) headers.cookie = options.cookie ?? (await session(coach));
  if (options.origin !== null) headers.origin = options.origin ?? APP;
  if (options.site) headers["sec-fetch-site"] = options.site;
  if (options.host) headers.host = options.host;
  if (options.declare !== undefined) headers["content-length"] = String(options.declare);
  const url = `${APP}/api/admin/products/${encodeURIComponent(id)}/${kind === "file" ? "files" : "image"}?${query}`;
  const init = { method: kind === "file" ? "POST" : "PUT", body: stream, duplex: "half", headers } as ConstructorParameters<typeof NextRequest>[1];
  const request = new NextRequest(url, init);
  const context = { params: Promise.resolve({ productId: id }) };
  const response = await withRequest(request, () => (kind === "file" ? uploadFile(request, context) : uploadImage(request, context)));
  return { response, json: (await response.json()) as Record<string, Record<string, unknown>>, pulled: pulled.pieces };
}

const pdf = (size: number) => Buffer.concat([Buffer.from("%PDF-1.7\n% a workbook\n"), randomBytes(Math.max(0, size - 21))]);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(3000)]);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** What storage holds: rows and files on disk, to show that a refused upload left nothing behind. */
async function stored() {
  const files = (await readdir(storageDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length;
  return { rows: await database.db.storedFile.count(), files };
}

describe("POST /api/admin/products/[productId]/files", () => {
  it("stores the coach's PDF as it streams, with its size and SHA-256, under the title given", async () => {
    const bytes = pdf(200_000);
    const { response, json } = await send("file", { bytes, declare: bytes.length, query: { fileName: "Workbook.pdf", title: "  Workbook (A4) " } });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(json.productFile).toEqual({ id: expect.any(String), title: "Workbook (A4)", fileName: "Workbook.pdf", sizeBytes: bytes.length, sha256: sha256(bytes) });
    const row = await database.db.productFile.findUniqueOrThrow({ where: { id: String(json.productFile.id) }, include: { file: true } });
    expect(row).toMatchObject({ productId, title: "Workbook (A4)", file: { contentType: "application/pdf", sizeBytes: bytes.length, sha256: sha256(bytes) } });
    expect(sha256(await readFile(path.join(storageDir, row.file.storageKey)))).toBe(sha256(bytes));
  });

  it("answers a signed-out visitor 401 and a client 403 without reading a byte or storing anything", async () => {
    const before = await stored();
    const bytes = pdf(100_000);
    const anonymous = await send("file", { bytes, cookie: null });
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.json.error.code).toBe("unauthenticated");
    expect(anonymous.pulled).toBe(0);
    const asClient = await send("file", { bytes, cookie: await session(client) });
    expect(asClient.response.status).toBe(403);
    expect(asClient.json.error).toEqual({ code: "forbidden", message: "This part of the site is only for the coach." });
    expect(asClient.pulled).toBe(0);
    expect(await stored()).toEqual(before);
  });

  it("refuses the coach's own cookie sent from another site (Origin or Sec-Fetch-Site), or from no page at all: 403, unread", async () => {
    const before = await stored();
    const bytes = pdf(10_000);
    const refusals = [
      await send("file", { bytes, origin: "https://elsewhere.example" }),
      await send("file", { bytes, origin: "null" }),
      await send("file", { bytes, origin: null }),
      await send("file", { bytes, origin: null, site: "cross-site" }),
      await send("file", { bytes, site: "same-site" }),
    ];
    for (const { response, json, pulled } of refusals) {
      expect(response.status).toBe(403);
      expect(json.error.code).toBe("cross_origin");
      expect(pulled).toBe(0);
    }
    expect(await stored()).toEqual(before);
    // The browser's own word wins: same-origin by Sec-Fetch-Site, or an Origin matching the Host.
    expect((await send("file", { bytes, origin: null, site: "same-origin" })).response.status).toBe(201);
    expect((await send("file", { bytes, origin: "http://192.168.1.5:3000", host: "192.168.1.5:3000" })).response.status).toBe(201);
  });

  it("refuses a file that isn't a PDF, ZIP, PNG or JPEG with 400 unsupported_file_type, storing nothing", async () => {
    const before = await stored();
    const { response, json } = await send("file", { bytes: Buffer.from("<html><script>alert(1)</script></html>"), query: { fileName: "journal.pdf" } });
    expect(response.status).toBe(400);
    expect(json.error).toMatchObject({ code: "unsupported_file_type", fields: { file: "Unsupported file type" } });
    expect(await stored()).toEqual(before);
  });

  it("answers 413 file_too_large over UPLOAD_MAX_MB: unread when declared, stopped early when chunked, storing nothing", async () => {
    const before = await stored();
    const bytes = pdf(3 * 1024 * 1024);
    const declared = await send("file", { bytes, declare: bytes.length });
    expect(declared.response.status).toBe(413);
    expect(declared.json.error).toEqual({ code: "file_too_large", message: "That file is larger than 1 MB. Please choose a smaller file.", maxBytes: 1024 * 1024 });
    expect(declared.pulled).toBe(0);
    const chunked = await send("file", { bytes });
    expect(chunked.response.status).toBe(413);
    expect(chunked.json.error.code).toBe("file_too_large");
    // 1 MB is 64 pieces of 16 KB; the stream may be a few pieces ahead when it stops, never the 3 MB.
    expect(chunked.pulled).toBeLessThan(80);
    expect(await stored()).toEqual(before);
  });

  it("answers 404 product_not_found for an unknown product, unread", async () => {
    const { response, json, pulled } = await send("file", { bytes: pdf(10_000), id: "no-such-product" });
    expect(response.status).toBe(404);
    expect(json.error.code).toBe("product_not_found");
    expect(pulled).toBe(0);
  });

  it("answers 400 naming the file name when there is none", async () => {
    const { response, json, pulled } = await send("file", { bytes: pdf(10_000), query: {} });
    expect(response.status).toBe(400);
    expect(json.error.fields).toEqual({ fileName: "Choose a file to upload." });
    expect(pulled).toBe(0);
  });
});

describe("PUT /api/admin/products/[productId]/image", () => {
  it("sets the coach's PNG as the product's image, and refuses a PDF or another site's request", async () => {
    const { response, json } = await send("image", { bytes: png, declare: png.length });
    expect(response.status).toBe(200);
    expect(json.image).toEqual({ id: expect.any(String), fileName: "cover.png", sizeBytes: png.length, sha256: sha256(png) });
    const product = await database.db.product.findUniqueOrThrow({ where: { id: productId }, select: { image: { select: { sha256: true } } } });
    expect(product.image?.sha256).toBe(sha256(png));

    const notImage = await send("image", { bytes: pdf(10_000) });
    expect(notImage.response.status).toBe(400);
    expect(notImage.json.error.code).toBe("unsupported_file_type");
    const crossSite = await send("image", { bytes: png, origin: "https://elsewhere.example" });
    expect(crossSite.response.status).toBe(403);
    expect(crossSite.pulled).toBe(0);
    const asClient = await send("image", { bytes: png, cookie: await session(client) });
    expect(asClient.response.status).toBe(403);
    expect(asClient.pulled).toBe(0);
  });
});
