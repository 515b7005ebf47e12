import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { PDFDocument } from "pdf-lib";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The job queue is a recorder; next/headers reads the test's request (signed-in library routes).
const { sentJobs } = vi.hoisted(() => ({ sentJobs: [] as unknown[] }));
vi.mock("@/lib/jobs/boss", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/jobs/boss")>()),
  sendJobs: async (jobs: unknown[]) => {
    sentJobs.push(...jobs);
  },
}));
vi.mock("next/headers", async () => (await import("../helpers/request-scope")).nextHeaders);

import { POST as libraryDownload } from "@/app/(account)/account/library/download/route";
import LibraryPage from "@/app/(account)/account/library/page";
import { GET as downloadRoute } from "@/app/api/downloads/[token]/route";
import { GET as productImageRoute } from "@/app/api/product-images/[productId]/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { seedDatabase } from "@/lib/db/seed";
import { createDownloadLink } from "@/lib/downloads/create-download-link";
import { DOWNLOAD_LIMIT } from "@/lib/downloads/download-errors";
import { signDownloadToken } from "@/lib/downloads/download-token";
import { DOWNLOADS_PER_IP } from "@/lib/downloads/serve-download";
import { AuthRequiredError, NotFoundError } from "@/lib/errors";
import { processPaymentEvent } from "@/lib/payments/process-payment-event";
import type { PaymentProvider } from "@/lib/payments/provider";
import { listLibrary } from "@/lib/shop/list-library";
import { getStorage } from "@/lib/storage/get-storage";
import { storeUpload } from "@/lib/storage/store-upload";
import { patchNextHeadersForRequire, withRequest } from "../helpers/request-scope";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let storageDir: string;
let restoreNextHeaders: () => void;
let alice: CurrentUser;
let bob: CurrentUser;
const products: Record<string, { id: string; priceCents: number; title: string }> = {};

// Only the provider's name matters to processPaymentEvent for these events, and, for a refund, what
// Stripe says the payment has refunded (refundEvent sets it).
const stripeRefunded = new Map<string, number>();
const stripe = { name: "STRIPE", refundedAmount: async ({ paymentIntentId }) => stripeRefunded.get(paymentIntentId) ?? 0 } as Pick<PaymentProvider, "name" | "refundedAmount"> as PaymentProvider;

beforeAll(async () => {
  restoreNextHeaders = patchNextHeadersForRequire();
  storageDir = await mkdtemp(path.join(tmpdir(), "library-test-"));
  database = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: database.url, STORAGE_DIR: storageDir, AUTH_SECRET: randomBytes(32).toString("hex") });
  await seedDatabase(database.db, { coachEmail: "coach@example.com" });
  const select = { id: true, email: true, name: true, role: true } as const;
  alice = await database.db.user.create({ data: { email: "alice@example.com", role: "CLIENT" }, select });
  bob = await database.db.user.create({ data: { email: "bob@example.com", role: "CLIENT" }, select });
  for (const product of await database.db.product.findMany({ select: { id: true, slug: true, priceCents: true, title: true } })) {
    products[product.slug] = product;
  }
});

afterAll(async () => {
  restoreNextHeaders?.();
  await getDb().$disconnect();
  await database?.drop();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

/** A PENDING order for `email` with one PRODUCT item per slug, opened at Stripe as `checkoutId`. */
async function productOrder(email: string, slugs: string[]) {
  const key = randomBytes(6).toString("hex");
  const lines = slugs.map((slug) => products[slug]);
  const total = lines.reduce((sum, line) => sum + line.priceCents, 0);
  const order = await database.db.order.create({
    data: {
      email,
      status: "PENDING",
      currency: "GBP",
      subtotalCents: total,
      totalCents: total,
      provider: "STRIPE",
      checkoutId: `cs_${key}`,
      items: {
        create: lines.map((line) => ({ kind: "PRODUCT" as const, productId: line.id, title: line.title, unitPriceCents: line.priceCents, totalCents: line.priceCents })),
      },
    },
    select: { id: true, checkoutId: true, totalCents: true },
  });
  return { ...order, paymentIntentId: `pi_${key}` };
}

type Order = Awaited<ReturnType<typeof productOrder>>;

const paidEvent = (order: Order, eventId = `evt_${randomBytes(6).toString("hex")}`) => ({
  eventId,
  type: "checkout.completed" as const,
  checkout: {
    id: order.checkoutId!,
    orderId: order.id,
    status: "complete" as const,
    paymentStatus: "paid" as const,
    paymentIntentId: order.paymentIntentId,
    amountTotalCents: order.totalCents,
    currency: "gbp",
  },
});

const refundEvent = (order: Order, amountRefundedCents: number) => {
  stripeRefunded.set(order.paymentIntentId, amountRefundedCents);
  return { eventId: `evt_${randomBytes(6).toString("hex")}`, type: "charge.refunded" as const, paymentIntentId: order.paymentIntentId };
};

async function pay(order: Order) {
  await processPaymentEvent({ db: database.db, provider: stripe, event: paidEvent(order) });
}

async function entitlementsOf(orderId: string) {
  return database.db.entitlement.findMany({ where: { orderItem: { orderId } }, orderBy: { createdAt: "asc" } });
}

async function fileOf(slug: string) {
  return database.db.productFile.findFirstOrThrow({ where: { productId: products[slug].id }, include: { file: true } });
}

let ipCounter = 0;
function get(token: string, options: { ip?: string; accept?: string } = {}) {
  const request = new NextRequest(`http://localhost:3000/api/downloads/${token}`, {
    headers: { "x-forwarded-for": options.ip ?? `198.51.100.${++ipCounter % 250}`, accept: options.accept ?? "*/*" },
  });
  return downloadRoute(request, { params: Promise.resolve({ token }) });
}

const tokenOf = (url: string) => url.split("/api/downloads/")[1];

/** A database session for `user`, as the Cookie header a signed-in browser sends. */
async function session(user: CurrentUser) {
  const sessionToken = randomBytes(32).toString("hex");
  await database.db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
  return `next-auth.session-token=${sessionToken}`;
}

describe("the seeded sample downloads", () => {
  it("are real multi-page PDFs in storage, attached to the two DOWNLOAD products with their SHA-256", async () => {
    for (const slug of ["rejection-sensitivity-journal", "alexithymia-interoception-toolkit"]) {
      const { file, title } = await fileOf(slug);
      expect(title).toMatch(/PDF/);
      expect(file.contentType).toBe("application/pdf");
      const bytes = await readFile(path.join(storageDir, file.storageKey));
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect(bytes.length).toBe(file.sizeBytes);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
      expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThanOrEqual(5);
    }
  });
});

describe("fulfilment", () => {
  it("grants one entitlement per download or course, once, however often the payment is reported", async () => {
    const order = await productOrder("Alice@Example.com".toLowerCase(), ["rejection-sensitivity-journal", "steady-ground-course"]);
    const event = paidEvent(order);
    expect((await processPaymentEvent({ db: database.db, provider: stripe, event })).outcome).toBe("applied");
    expect((await processPaymentEvent({ db: database.db, provider: stripe, event })).outcome).toBe("duplicate");
    // Another event for the same paid checkout (the success page racing the webhook, say).
    expect((await processPaymentEvent({ db: database.db, provider: stripe, event: paidEvent(order) })).outcome).toBe("ignored");
    const entitlements = await entitlementsOf(order.id);
    expect(entitlements.map((row) => [row.productId, row.email, row.status]).sort()).toEqual(
      [
        [products["rejection-sensitivity-journal"].id, "alice@example.com", "ACTIVE"],
        [products["steady-ground-course"].id, "alice@example.com", "ACTIVE"],
      ].sort(),
    );
  });

  it("sends one receipt that links to the library through a 7-day single-use sign-in link, never to a file", async () => {
    const order = await productOrder("alice@example.com", ["alexithymia-interoception-toolkit"]);
    const before = new Date();
    await pay(order);
    const receipts = await database.db.emailMessage.findMany({ where: { template: "payment-receipt", toAddress: "alice@example.com", createdAt: { gte: before } } });
    expect(receipts).toHaveLength(1);
    const [receipt] = receipts;
    expect(receipt.text).toContain("Open your library");
    expect(receipt.text).toContain("http://localhost:3000/account/library");
    expect(receipt.text).not.toContain("/api/downloads/");
    const link = new URL(/(http\S+\/api\/auth\/callback\/email\S+)/.exec(receipt.text)![1]);
    expect(link.searchParams.get("callbackUrl")).toBe("/account/library");
    expect(link.searchParams.get("email")).toBe("alice@example.com");
    const tokens = await database.db.verificationToken.findMany({ where: { identifier: "alice@example.com" } });
    const days = (tokens.at(-1)!.expires.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
  });

  it("grants nothing for an order with no downloads or courses, and the receipt stays as it was", async () => {
    const order = await productOrder("carol@example.com", ["five-day-friendship-series"]);
    await pay(order);
    expect(await entitlementsOf(order.id)).toHaveLength(0);
    const receipt = await database.db.emailMessage.findFirstOrThrow({ where: { template: "payment-receipt", toAddress: "carol@example.com" } });
    expect(receipt.text).not.toContain("library");
  });
});

describe("downloads", () => {
  it("streams the file with its type, length, a safe attachment name and no caching, and counts it", async () => {
    const order = await productOrder("alice@example.com", ["rejection-sensitivity-journal"]);
    await pay(order);
    const [entitlement] = await entitlementsOf(order.id);
    const productFile = await fileOf("rejection-sensitivity-journal");
    const link = await createDownloadLink({ db: database.db, user: alice, entitlementId: entitlement.id, productFileId: productFile.id });
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(600_000);
    const response = await get(tokenOf(link.url));
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "application/pdf",
      "content-length": String(productFile.file.sizeBytes),
      "content-disposition": `attachment; filename="Rejection Sensitivity Journal.pdf"; filename*=UTF-8''Rejection%20Sensitivity%20Journal.pdf`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    });
    const body = Buffer.from(await response.arrayBuffer());
    expect(createHash("sha256").update(body).digest("hex")).toBe(productFile.file.sha256);
    const counted = await database.db.entitlement.findUniqueOrThrow({ where: { id: entitlement.id } });
    expect(counted.downloadCount).toBe(1);
    expect(counted.lastDownloadAt).not.toBeNull();
  });

  it("refuses expired, tampered and unsigned tokens", async () => {
    const order = await productOrder("alice@example.com", ["rejection-sensitivity-journal"]);
    await pay(order);
    const [entitlement] = await entitlementsOf(order.id);
    const productFile = await fileOf("rejection-sensitivity-journal");
    const old = signDownloadToken({ entitlementId: entitlement.id, productFileId: productFile.id, now: new Date(Date.now() - 11 * 60_000) });
    const expired = await get(old.token, { accept: "text/html" });
    expect(expired.status).toBe(410);
    expect(expired.headers.get("content-type")).toContain("text/html");
    expect(await expired.text()).toContain("/account/library");
    const fresh = signDownloadToken({ entitlementId: entitlement.id, productFileId: productFile.id }).token;
    const tampered = `${fresh.slice(0, -3)}${fresh.endsWith("AAA") ? "BBB" : "AAA"}`;
    expect((await get(tampered)).status).toBe(404);
    expect((await get("not-a-token")).status).toBe(404);
    expect((await database.db.entitlement.findUniqueOrThrow({ where: { id: entitlement.id } })).downloadCount).toBe(0);
  });

  it("stops at the per-purchase limit, exactly, even for parallel requests", async () => {
    const order = await productOrder("alice@example.com", ["alexithymia-interoception-toolkit"]);
    await pay(order);
    const [entitlement] = await entitlementsOf(order.id);
    const productFile = await fileOf("alexithymia-interoception-toolkit");
    await database.db.entitlement.update({ where: { id: entitlement.id }, data: { downloadCount: DOWNLOAD_LIMIT - 2 } });
    // Six links (each is one download), fetched at once.
    const link = () => signDownloadToken({ entitlementId: entitlement.id, productFileId: productFile.id }).token;
    const responses = await Promise.all(Array.from({ length: 6 }, () => get(link())));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 403, 403, 403, 403]);
    await Promise.all(responses.map((response) => response.arrayBuffer()));
    expect((await database.db.entitlement.findUniqueOrThrow({ where: { id: entitlement.id } })).downloadCount).toBe(DOWNLOAD_LIMIT);
    const again = await get(link());
    expect(await again.json()).toMatchObject({ error: { code: "download_limit_reached", message: expect.stringContaining("reset") } });
    await expect(createDownloadLink({ db: database.db, user: alice, entitlementId: entitlement.id, productFileId: productFile.id })).rejects.toMatchObject({
      code: "download_limit_reached",
    });
  });

  it("rate-limits one address with 429 and Retry-After", async () => {
    const ip = "203.0.113.77";
    const statuses: number[] = [];
    for (let i = 0; i <= DOWNLOADS_PER_IP.limit; i++) statuses.push((await get("x.y", { ip })).status);
    expect(statuses.slice(0, DOWNLOADS_PER_IP.limit).every((status) => status === 404)).toBe(true);
    const limited = await get("x.y", { ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("refunds", () => {
  it("a full refund in Stripe's dashboard revokes access; a token minted before is refused kindly", async () => {
    const order = await productOrder("alice@example.com", ["rejection-sensitivity-journal", "steady-ground-course"]);
    await pay(order);
    const [entitlement] = (await entitlementsOf(order.id)).filter((row) => row.productId === products["rejection-sensitivity-journal"].id);
    const productFile = await fileOf("rejection-sensitivity-journal");
    const link = await createDownloadLink({ db: database.db, user: alice, entitlementId: entitlement.id, productFileId: productFile.id });

    // A partial refund never revokes.
    await processPaymentEvent({ db: database.db, provider: stripe, event: refundEvent(order, 500) });
    expect((await entitlementsOf(order.id)).every((row) => row.status === "ACTIVE")).toBe(true);

    await processPaymentEvent({ db: database.db, provider: stripe, event: refundEvent(order, order.totalCents) });
    const revoked = await entitlementsOf(order.id);
    expect(revoked.map((row) => row.status)).toEqual(["REVOKED", "REVOKED"]);
    expect(revoked[0]).toMatchObject({ revokeReason: "Refunded in full", revokedAt: expect.any(Date) });

    const replay = await get(tokenOf(link.url), { accept: "text/html,application/xhtml+xml" });
    expect(replay.status).toBe(403);
    const page = await replay.text();
    expect(page).toContain("refunded");
    expect(page).not.toMatch(/stack|Error:/);
    const json = await get(tokenOf(link.url));
    expect(await json.json()).toMatchObject({ error: { code: "access_ended" } });
    await expect(createDownloadLink({ db: database.db, user: alice, entitlementId: entitlement.id, productFileId: productFile.id })).rejects.toMatchObject({
      code: "access_ended",
      status: 403,
    });
    const { items } = await listLibrary({ db: database.db, user: alice });
    const item = items.find((each) => each.entitlementId === entitlement.id)!;
    expect(item).toMatchObject({ status: "REVOKED", files: [] });
  });

  it("a full refund that fails after closing access: the library says the refund hasn't gone through, and the coach's email says so", async () => {
    const order = await productOrder("alice@example.com", ["alexithymia-interoception-toolkit"]);
    await pay(order);
    await processPaymentEvent({ db: database.db, provider: stripe, event: refundEvent(order, order.totalCents) });
    const [entitlement] = await entitlementsOf(order.id);
    expect(entitlement.status).toBe("REVOKED");
    const libraryItem = async () => (await listLibrary({ db: database.db, user: alice })).items.find((each) => each.entitlementId === entitlement.id);
    expect(await libraryItem()).toMatchObject({ refundIncomplete: false });
    const refund = { id: `re_${randomBytes(6).toString("hex")}`, paymentIntentId: order.paymentIntentId, amountCents: order.totalCents, currency: "GBP", ourRefundId: null };
    const failed = { eventId: `evt_${randomBytes(6).toString("hex")}`, type: "refund.updated" as const, refund: { ...refund, status: "failed" as const, failureReason: "declined" } };
    expect((await processPaymentEvent({ db: database.db, provider: stripe, event: failed })).outcome).toBe("applied");

    const [told] = await database.db.emailMessage.findMany({ where: { template: "refund-failed", text: { contains: order.id } }, select: { text: true } });
    expect(told.text).toContain(
      "The buyer was emailed that the refund is on its way and hasn't been emailed about this. Their library says the refund hasn't gone through yet and that you'll be in touch; the access the refund closed stays closed.",
    );
    expect(await libraryItem()).toMatchObject({ status: "REVOKED", refundIncomplete: true, files: [] });
    const request = new NextRequest("http://localhost:3000/account/library", { headers: { cookie: await session(alice) } });
    const html = await withRequest(request, async () => renderToStaticMarkup(await LibraryPage({ searchParams: Promise.resolve({}) })));
    const text = html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text).toMatch(/Access to this purchase was closed on \w+day \d+ \w+ \d{4} for a refund that hasn(?:'|&#x27;)t gone through yet\./);
    expect(told.text).not.toContain("booking page");
  });
});

describe("ownership", () => {
  it("Bob cannot reach Alice's library items or files by any id, and sees only his own", async () => {
    const alicesOrder = await productOrder("alice@example.com", ["rejection-sensitivity-journal"]);
    const bobsOrder = await productOrder("bob@example.com", ["alexithymia-interoception-toolkit"]);
    await pay(alicesOrder);
    await pay(bobsOrder);
    const [alicesEntitlement] = await entitlementsOf(alicesOrder.id);
    const [bobsEntitlement] = await entitlementsOf(bobsOrder.id);
    const alicesFile = await fileOf("rejection-sensitivity-journal");
    const bobsFile = await fileOf("alexithymia-interoception-toolkit");

    for (const [entitlementId, productFileId] of [
      [alicesEntitlement.id, alicesFile.id],
      [alicesEntitlement.id, bobsFile.id],
      [bobsEntitlement.id, alicesFile.id],
      [alicesEntitlement.id, alicesFile.fileId],
      ["missing", alicesFile.id],
    ]) {
      await expect(createDownloadLink({ db: database.db, user: bob, entitlementId, productFileId })).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(createDownloadLink({ db: database.db, user: null, entitlementId: alicesEntitlement.id, productFileId: alicesFile.id })).rejects.toBeInstanceOf(
      AuthRequiredError,
    );
    // A token signed for Bob's entitlement with Alice's file (as if forged with the key) still fails the file check.
    const crossed = signDownloadToken({ entitlementId: bobsEntitlement.id, productFileId: alicesFile.id }).token;
    expect((await get(crossed)).status).toBe(404);

    const { items: bobsLibrary } = await listLibrary({ db: database.db, user: bob });
    expect(bobsLibrary.map((item) => item.entitlementId)).toEqual([bobsEntitlement.id]);
    expect(bobsLibrary[0].files.map((file) => file.id)).toEqual([bobsFile.id]);
    expect((await listLibrary({ db: database.db, user: alice })).items.some((item) => item.entitlementId === bobsEntitlement.id)).toBe(false);
  });

  it("the library's download button mints a fresh link for the signed-in owner only", async () => {
    const order = await productOrder("alice@example.com", ["rejection-sensitivity-journal"]);
    await pay(order);
    const [entitlement] = await entitlementsOf(order.id);
    const productFile = await fileOf("rejection-sensitivity-journal");
    const post = async (cookie: string | null) => {
      const request = new NextRequest("http://localhost:3000/account/library/download", {
        method: "POST",
        body: new URLSearchParams({ entitlementId: entitlement.id, productFileId: productFile.id }),
        headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
      });
      return withRequest(request, () => libraryDownload(request));
    };

    const signedOut = await post(null);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toBe("/signin?callbackUrl=%2Faccount%2Flibrary");

    const asBob = await post(await session(bob));
    expect(asBob.headers.get("location")).toBe("/account/library?notice=not_found");

    const asAlice = await post(await session(alice));
    const location = asAlice.headers.get("location")!;
    expect(location).toMatch(/^\/api\/downloads\/[\w-]+\.[\w-]{43}$/);
    expect((await get(location.split("/api/downloads/")[1])).status).toBe(200);
  });

  it("reads the download form only for a signed-in person, and never more than a small form", async () => {
    // 1 MB of form, offered in 16 KB pieces that are counted as they are read.
    const postLarge = async (cookie: string | null) => {
      let pulled = 0;
      const piece = new TextEncoder().encode(`padding=${"x".repeat(16 * 1024 - 8)}&`);
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1;
          if (pulled > 64) controller.close();
          else controller.enqueue(piece);
        },
      }, { highWaterMark: 0 });
      const request = new NextRequest("http://localhost:3000/account/library/download", {
        method: "POST",
        body,
        duplex: "half",
        headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
      } as ConstructorParameters<typeof NextRequest>[1]);
      const response = await withRequest(request, () => libraryDownload(request));
      return { response, pulled };
    };

    const signedOut = await postLarge(null);
    expect(signedOut.response.headers.get("location")).toBe("/signin?callbackUrl=%2Faccount%2Flibrary");
    expect(signedOut.pulled).toBe(0);

    const signedIn = await postLarge(await session(alice));
    expect(signedIn.response.status).toBe(303);
    expect(signedIn.response.headers.get("location")).toBe("/account/library?notice=payload_too_large");
    expect(signedIn.pulled).toBeLessThan(4);
  });
});

describe("product images", () => {
  it("serves an active product's image publicly with an ETag, and nothing for an archived one", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
    const image = await storeUpload({ db: database.db, storage: getStorage(), source: Readable.from([png]), fileName: "cover.png", allowedTypes: ["png", "jpeg"] });
    const productId = products["steady-ground-course"].id;
    await database.db.product.update({ where: { id: productId }, data: { imageFileId: image.id } });
    const fetchImage = (headers: Record<string, string> = {}) =>
      productImageRoute(new NextRequest(`http://localhost:3000/api/product-images/${productId}`, { headers }), { params: Promise.resolve({ productId }) });

    const response = await fetchImage();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toMatch(/^public/);
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    const etag = response.headers.get("etag")!;
    expect((await fetchImage({ "if-none-match": etag })).status).toBe(304);

    await database.db.product.update({ where: { id: productId }, data: { archivedAt: new Date() } });
    expect((await fetchImage()).status).toBe(404);
    await database.db.product.update({ where: { id: productId }, data: { archivedAt: null } });
  });
});

describe("dates in the library", () => {
  // 07:30 UTC on 1 March is still the evening of 28 February in Los Angeles.
  const paidAt = new Date("2026-03-01T07:30:00Z");
  const revokedAt = new Date("2026-03-02T06:00:00Z");

  async function page(user: CurrentUser) {
    const request = new NextRequest("http://localhost:3000/account/library", { headers: { cookie: await session(user) } });
    const html = await withRequest(request, async () => renderToStaticMarkup(await LibraryPage({ searchParams: Promise.resolve({}) })));
    return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  }

  async function booking(email: string, clientTimeZone: string, createdAt: Date) {
    const strategy = await database.db.sessionType.findUniqueOrThrow({ where: { slug: "strategy-session" }, select: { id: true, coachId: true } });
    const startsAt = new Date(createdAt.getTime() + 7 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    await database.db.booking.create({
      data: {
        coachId: strategy.coachId,
        sessionTypeId: strategy.id,
        clientName: "Lou",
        clientEmail: email,
        clientTimeZone,
        status: "CONFIRMED",
        startsAt,
        endsAt,
        blockedFrom: startsAt,
        blockedUntil: endsAt,
        manageTokenHash: `hash-${randomBytes(8).toString("hex")}`,
        priceCents: 9500,
        currency: "GBP",
        createdAt,
      },
    });
  }

  it("shows when something was bought and refunded on the reader's own calendar, not UTC's", async () => {
    const lou = await database.db.user.create({
      data: { email: "lou@example.com", role: "CLIENT", timeZone: "America/Los_Angeles" },
      select: { id: true, email: true, name: true, role: true },
    });
    const order = await productOrder(lou.email, ["rejection-sensitivity-journal", "alexithymia-interoception-toolkit"]);
    await pay(order);
    await database.db.order.update({ where: { id: order.id }, data: { paidAt, refundedCents: order.totalCents, status: "REFUNDED" } });
    const [, refunded] = await entitlementsOf(order.id);
    await database.db.entitlement.update({ where: { id: refunded.id }, data: { status: "REVOKED", revokedAt, revokeReason: "Refunded in full" } });

    const text = await page(lou);
    expect(text.match(/Bought on Saturday 28 February 2026/g)).toHaveLength(2);
    expect(text).toContain("This purchase was refunded on Sunday 1 March 2026,");
    expect(text).not.toContain("1 March 2026 ");
  });

  it("uses the account's zone, else the most recent booking's, else the coach's", async () => {
    const sam = await database.db.user.create({ data: { email: "sam@example.com", role: "CLIENT" }, select: { id: true, email: true, name: true, role: true } });
    const zoneOf = async () => (await listLibrary({ db: database.db, user: sam })).timeZone;
    const coach = await database.db.coachSettings.findFirstOrThrow({ select: { id: true, timeZone: true } });

    // The seeded coach is in London, which is also the default: move her so the test can tell them apart.
    await database.db.coachSettings.update({ where: { id: coach.id }, data: { timeZone: "America/New_York" } });
    try {
      expect(await zoneOf()).toBe("America/New_York");
      await booking(sam.email, "Asia/Tokyo", new Date("2026-02-01T12:00:00Z"));
      expect(await zoneOf()).toBe("Asia/Tokyo");
      await booking(sam.email, "America/Los_Angeles", new Date("2026-02-20T12:00:00Z"));
      await booking(sam.email, "Europe/Paris", new Date("2026-01-10T12:00:00Z"));
      expect(await zoneOf()).toBe("America/Los_Angeles");
      // A name the runtime doesn't know is passed over rather than breaking the page.
      await database.db.user.update({ where: { id: sam.id }, data: { timeZone: "Mars/Olympus_Mons" } });
      expect(await zoneOf()).toBe("America/Los_Angeles");
      await database.db.user.update({ where: { id: sam.id }, data: { timeZone: "Australia/Sydney" } });
      expect(await zoneOf()).toBe("Australia/Sydney");
    } finally {
      await database.db.coachSettings.update({ where: { id: coach.id }, data: { timeZone: coach.timeZone } });
    }
  });
});
