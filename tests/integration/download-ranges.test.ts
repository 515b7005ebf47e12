import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as downloadRoute, HEAD as downloadHeadRoute } from "@/app/api/downloads/[token]/route";
import { getDb } from "@/lib/db/client";
import { seedDatabase } from "@/lib/db/seed";
import { DOWNLOAD_LIMIT } from "@/lib/downloads/download-errors";
import { signDownloadToken } from "@/lib/downloads/download-token";
import { DOWNLOADS_PER_IP } from "@/lib/downloads/serve-download";
import { getStorage } from "@/lib/storage/get-storage";
import { storeUpload } from "@/lib/storage/store-upload";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// Resumable downloads through the real route handler: a 700 KB file, so ranges cross the storage
// layer's 256 KB read chunks.

let database: TestDatabase;
let storageDir: string;
let productId: string;
let productFileId: string;
let stored: Buffer;
let sha256: string;
let serial = 0;

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), "download-ranges-test-"));
  database = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: database.url, STORAGE_DIR: storageDir, AUTH_SECRET: randomBytes(32).toString("hex") });
  await seedDatabase(database.db, { coachEmail: "coach@example.com" });
  productId = (await database.db.product.findUniqueOrThrow({ where: { slug: "rejection-sensitivity-journal" } })).id;
  const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(700 * 1024)]);
  const file = await storeUpload({ db: database.db, storage: getStorage(), source: Readable.from([bytes]), fileName: "Workbook.pdf" });
  productFileId = (await database.db.productFile.create({ data: { productId, fileId: file.id, title: "Workbook (PDF)", position: 9 } })).id;
  stored = await readFile(path.join(storageDir, file.storageKey));
  expect(stored.equals(bytes)).toBe(true);
  sha256 = file.sha256;
});

afterAll(async () => {
  await getDb().$disconnect();
  await database?.drop();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

/** A paid purchase of the journal, its entitlement as given, and a fresh link to the workbook. */
async function purchase(entitlement: { downloadCount?: number } = {}) {
  serial += 1;
  const order = await database.db.order.create({
    data: {
      email: "alice@example.com",
      status: "PAID",
      paidAt: new Date(),
      currency: "GBP",
      subtotalCents: 1800,
      totalCents: 1800,
      provider: "TEST",
      checkoutId: `test_cs_ranges_${serial}`,
      items: { create: { kind: "PRODUCT", productId, title: "The Rejection Sensitivity Journal", unitPriceCents: 1800, totalCents: 1800 } },
    },
    select: { email: true, items: { select: { id: true } } },
  });
  const { id } = await database.db.entitlement.create({ data: { email: order.email, productId, orderItemId: order.items[0].id, ...entitlement } });
  return { id, token: newLink(id) };
}

/** A fresh download link (its own random link id) for the workbook of a purchase. */
const newLink = (entitlementId: string) => signDownloadToken({ entitlementId, productFileId }).token;

const countOf = async (entitlementId: string) => (await database.db.entitlement.findUniqueOrThrow({ where: { id: entitlementId } })).downloadCount;

let ipCounter = 0;
function request(token: string, headers: Record<string, string> = {}, method: "GET" | "HEAD" = "GET") {
  const req = new NextRequest(`http://localhost:3000/api/downloads/${token}`, {
    method,
    headers: { "x-forwarded-for": `198.51.100.${++ipCounter % 250}`, accept: "*/*", ...headers },
  });
  return (method === "GET" ? downloadRoute : downloadHeadRoute)(req, { params: Promise.resolve({ token }) });
}

const body = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe("resumable downloads", () => {
  it("a whole download advertises ranges, a strong ETag from the SHA-256 and its length, and counts", async () => {
    const { id, token } = await purchase();
    const response = await request(token);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "accept-ranges": "bytes",
      etag: `"${sha256}"`,
      "content-length": String(stored.length),
      "content-disposition": expect.stringMatching(/^attachment; filename="Workbook.pdf"/),
      "cache-control": "private, no-store",
    });
    expect(response.headers.has("content-range")).toBe(false);
    expect((await body(response)).equals(stored)).toBe(true);
    expect(await countOf(id)).toBe(1);
  });

  it("serves exactly the slice asked for with 206 and Content-Range, and a resumption is not counted again", async () => {
    const { id, token } = await purchase();
    const first = await request(token, { range: "bytes=0-99" });
    expect(first.status).toBe(206);
    expect(first.headers.get("content-range")).toBe(`bytes 0-99/${stored.length}`);
    expect((await body(first)).equals(stored.subarray(0, 100))).toBe(true);
    expect(await countOf(id)).toBe(1);

    const size = stored.length;
    for (const [range, start, end] of [
      ["bytes=200000-600000", 200000, 600000],
      ["bytes=262143-262144", 262143, 262144],
      [`bytes=${size - 1}-${size - 1}`, size - 1, size - 1],
      ["bytes=500000-", 500000, size - 1],
      ["bytes=-1000", size - 1000, size - 1],
      ["bytes=300000-99999999", 300000, size - 1],
    ] as const) {
      const response = await request(token, { range, "if-range": `"${sha256}"` });
      expect(response.status, range).toBe(206);
      expect(Object.fromEntries(response.headers), range).toMatchObject({
        "content-range": `bytes ${start}-${end}/${size}`,
        "content-length": String(end - start + 1),
        "accept-ranges": "bytes",
        etag: `"${sha256}"`,
        "content-type": "application/pdf",
        "cache-control": "private, no-store",
      });
      expect((await body(response)).equals(stored.subarray(start, end + 1)), range).toBe(true);
    }
    expect(await countOf(id)).toBe(1);
  });

  it("a suffix as long as the file starts at byte 0, so it counts", async () => {
    const { id, token } = await purchase();
    const response = await request(token, { range: `bytes=-${stored.length + 10}` });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 0-${stored.length - 1}/${stored.length}`);
    expect((await body(response)).equals(stored)).toBe(true);
    expect(await countOf(id)).toBe(1);
  });

  it("a counted link stays usable at the limit (resuming or starting again); a new link at the limit is refused", async () => {
    const { id, token } = await purchase({ downloadCount: DOWNLOAD_LIMIT - 1 });
    expect((await body(await request(token, { range: "bytes=0-" }))).length).toBe(stored.length);
    expect(await countOf(id)).toBe(DOWNLOAD_LIMIT);
    const resumed = await request(token, { range: "bytes=400000-" });
    expect(resumed.status).toBe(206);
    expect((await body(resumed)).equals(stored.subarray(400000))).toBe(true);
    expect((await request(token, { range: "bytes=0-" })).status).toBe(206);
    expect((await body(await request(token))).equals(stored)).toBe(true);
    expect((await request(token, {}, "HEAD")).status).toBe(200);
    expect(await countOf(id)).toBe(DOWNLOAD_LIMIT);

    const another = newLink(id);
    for (const headers of [{}, { range: "bytes=1-" }] as Record<string, string>[]) {
      const refused = await request(another, headers);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: "download_limit_reached" } });
    }
    expect((await request(another, {}, "HEAD")).status).toBe(403);
    expect(await countOf(id)).toBe(DOWNLOAD_LIMIT);
  });

  it("each new link counts once, whatever range it starts with, so bytes=1- cannot dodge the limit", async () => {
    const { id, token } = await purchase({ downloadCount: 3 });
    const skipped = await request(token, { range: "bytes=1-" });
    expect(skipped.status).toBe(206);
    expect((await body(skipped)).equals(stored.subarray(1))).toBe(true);
    expect(await countOf(id)).toBe(4);
    await body(await request(token, { range: "bytes=1-" }));
    expect(await countOf(id)).toBe(4);
    // A second link to the same file of the same purchase, minted after the first was counted.
    await body(await request(newLink(id), { range: "bytes=1-" }));
    expect(await countOf(id)).toBe(5);

    const atLimit = await purchase({ downloadCount: DOWNLOAD_LIMIT });
    const refused = await request(atLimit.token, { range: "bytes=1-" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "download_limit_reached" } });
    expect(await countOf(atLimit.id)).toBe(DOWNLOAD_LIMIT);
  });

  it("parallel segments through one fresh link (a download manager) count it once, and each gets its exact slice", async () => {
    const { id, token } = await purchase();
    const segment = Math.ceil(stored.length / 8);
    const ranges = Array.from({ length: 8 }, (_, i) => [i * segment, Math.min(stored.length, (i + 1) * segment) - 1] as const);
    const responses = await Promise.all(ranges.map(([start, end]) => request(token, { range: `bytes=${start}-${end}` })));
    expect(responses.map((response) => response.status)).toEqual(ranges.map(() => 206));
    const parts = await Promise.all(responses.map(body));
    expect(Buffer.concat(parts).equals(stored)).toBe(true);
    expect(await countOf(id)).toBe(1);
  });

  it("an unsatisfiable range is a 416 with the size, counted nothing", async () => {
    const { id, token } = await purchase();
    for (const range of [`bytes=${stored.length}-`, `bytes=${stored.length + 5}-${stored.length + 10}`, "bytes=-0"]) {
      const response = await request(token, { range });
      expect(response.status, range).toBe(416);
      expect(response.headers.get("content-range")).toBe(`bytes */${stored.length}`);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect((await body(response)).length).toBe(0);
    }
    expect(await countOf(id)).toBe(0);
  });

  it("a malformed or multi-range header is ignored: the whole file, 200, the link counted once", async () => {
    const { id, token } = await purchase();
    for (const range of ["bytes=0-9,20-29", "bytes=9-0", "bytes=abc", "lines=1-2"]) {
      const response = await request(token, { range });
      expect(response.status, range).toBe(200);
      expect(response.headers.has("content-range")).toBe(false);
      expect((await body(response)).equals(stored), range).toBe(true);
    }
    expect(await countOf(id)).toBe(1);
  });

  it("If-Range with another ETag, a weak one or a date sends the whole file; the right ETag a slice", async () => {
    const { id, token } = await purchase();
    for (const ifRange of [`"${"0".repeat(64)}"`, `W/"${sha256}"`, new Date().toUTCString()]) {
      const response = await request(token, { range: "bytes=100-", "if-range": ifRange });
      expect(response.status, ifRange).toBe(200);
      expect(response.headers.get("content-length")).toBe(String(stored.length));
      expect((await body(response)).equals(stored), ifRange).toBe(true);
    }
    expect(await countOf(id)).toBe(1);
    const matching = await request(token, { range: "bytes=100-", "if-range": `"${sha256}"` });
    expect(matching.status).toBe(206);
    expect((await body(matching)).equals(stored.subarray(100))).toBe(true);
    expect(await countOf(id)).toBe(1);
  });

  it("HEAD answers with the download's headers, no body, ignores Range and counts nothing", async () => {
    const { id, token } = await purchase();
    const response = await request(token, { range: "bytes=100-199" }, "HEAD");
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "accept-ranges": "bytes",
      etag: `"${sha256}"`,
      "content-length": String(stored.length),
      "content-type": "application/pdf",
      "content-disposition": expect.stringMatching(/^attachment/),
    });
    expect(response.body).toBeNull();
    expect(await countOf(id)).toBe(0);

    await database.db.entitlement.update({ where: { id }, data: { downloadCount: DOWNLOAD_LIMIT } });
    expect((await request(token, {}, "HEAD")).status).toBe(403);
  });

  it("every resumption re-checks the purchase and the link: refunded, tampered and expired are refused", async () => {
    const { id, token } = await purchase();
    await body(await request(token));
    expect((await request(token, { range: "bytes=1000-" })).status).toBe(206);

    const tampered = `${token.slice(0, -3)}${token.endsWith("AAA") ? "BBB" : "AAA"}`;
    expect((await request(tampered, { range: "bytes=1000-" })).status).toBe(404);
    const expired = signDownloadToken({ entitlementId: id, productFileId, now: new Date(Date.now() - 11 * 60_000) }).token;
    expect((await request(expired, { range: "bytes=1000-" })).status).toBe(410);

    await database.db.entitlement.update({ where: { id }, data: { status: "REVOKED", revokedAt: new Date(), revokeReason: "Refunded in full" } });
    const revoked = await request(token, { range: "bytes=1000-", accept: "text/html" });
    expect(revoked.status).toBe(403);
    expect(await revoked.text()).toContain("refunded");
    expect(await (await request(token, { range: "bytes=1000-" })).json()).toMatchObject({ error: { code: "access_ended" } });
    expect(await countOf(id)).toBe(1);
  });

  it("resumptions still go through the per-IP rate limit", async () => {
    const { token } = await purchase();
    const ip = "203.0.113.88";
    await body(await request(token, { "x-forwarded-for": ip }));
    for (let i = 1; i < DOWNLOADS_PER_IP.limit; i++) {
      const response = await request(token, { range: `bytes=${i}-${i}`, "x-forwarded-for": ip });
      expect(response.status).toBe(206);
      expect((await body(response)).equals(stored.subarray(i, i + 1))).toBe(true);
    }
    const limited = await request(token, { range: "bytes=1-", "x-forwarded-for": ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
