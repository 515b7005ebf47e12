import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Files written by these tests (and by the seed) go to a throw-away directory.
const { storageDir } = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/admin-products-${process.pid}-${Date.now()}`;
  process.env.STORAGE_DIR = dir;
  return { storageDir: dir };
});

import { archiveProduct, unarchiveProduct } from "@/lib/admin/products/archive-product";
import { attachProductFile } from "@/lib/admin/products/attach-product-file";
import { createProduct } from "@/lib/admin/products/create-product";
import { getProductForCoach } from "@/lib/admin/products/get-product-for-coach";
import { listProductsForCoach } from "@/lib/admin/products/list-products-for-coach";
import { openProductFileForCoach } from "@/lib/admin/products/open-product-file";
import { openProductImageForCoach } from "@/lib/admin/products/open-product-image";
import type { ProductInput } from "@/lib/admin/products/product-input";
import { removeProductFile } from "@/lib/admin/products/remove-product-file";
import { removeProductImage, setProductImage } from "@/lib/admin/products/set-product-image";
import { updateProduct } from "@/lib/admin/products/update-product";
import type { CurrentUser } from "@/lib/auth/current-user";
import { AuthRequiredError, ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { LocalDiskStorage } from "@/lib/storage/local-disk-storage";
import { createUser, seedPractice } from "../helpers/booking";
import { failure } from "../helpers/errors";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The coach's products in the back office: create, edit, archive, files and image. Uploads go through
// storeUpload into a local-disk storage in a temporary directory.

let database: TestDatabase;
let coach: CurrentUser;
let client: CurrentUser;
let storage: LocalDiskStorage;
let storageRoot: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ coach } = await seedPractice(database.db));
  client = await createUser(database.db, { email: "client@example.com", role: "CLIENT" });
  storageRoot = mkdtempSync(path.join(tmpdir(), "admin-products-files-"));
  storage = new LocalDiskStorage(storageRoot);
});

afterAll(async () => {
  await database?.drop();
  rmSync(storageRoot, { recursive: true, force: true });
  rmSync(storageDir, { recursive: true, force: true });
});

const pdfBytes = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n${"x".repeat(5000)}\n%%EOF\n`);
const pngBytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
/** A stream in small chunks, as an upload arrives. */
const streamOf = (bytes: Buffer) => Readable.from(Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000)));

let counter = 0;
function input(overrides: Partial<ProductInput> = {}): ProductInput {
  counter += 1;
  return {
    title: `Calm mornings journal ${counter}`,
    slug: `calm-mornings-${counter}`,
    summary: "Thirty prompts for slower starts.",
    description: "A printable journal.\n\n- Prompts\n- Worksheets",
    highlights: ["A 40-page journal (PDF)", "  ", " A pocket card "],
    priceCents: 1850,
    currency: "GBP",
    kind: "DOWNLOAD",
    active: false,
    ...overrides,
  };
}

describe("products: who may", () => {
  it("refuses a client (ForbiddenError) and a signed-out visitor (AuthRequiredError) in every function, changing nothing", async () => {
    const { db } = database;
    const product = await createProduct({ db, actor: coach, input: input() });
    const before = await db.product.count();
    const filesBefore = await db.storedFile.count();
    for (const actor of [client, null]) {
      const expected = actor ? ForbiddenError : AuthRequiredError;
      const attempts: Array<Promise<unknown>> = [
        listProductsForCoach({ db, actor }),
        getProductForCoach({ db, actor, id: product.id }),
        createProduct({ db, actor, input: input() }),
        updateProduct({ db, actor, id: product.id, input: input({ title: "Taken over" }) }),
        archiveProduct({ db, actor, id: product.id }),
        unarchiveProduct({ db, actor, id: product.id }),
        attachProductFile({ db, actor, productId: product.id, source: streamOf(pdfBytes("no")), fileName: "x.pdf", storage }),
        removeProductFile({ db, actor, productId: product.id, productFileId: "nope", storage }),
        setProductImage({ db, actor, productId: product.id, source: streamOf(pngBytes), fileName: "x.png", storage }),
        removeProductImage({ db, actor, productId: product.id, storage }),
        openProductImageForCoach({ db, actor, productId: product.id, storage }),
        openProductFileForCoach({ db, actor, productId: product.id, productFileId: "nope", storage }),
      ];
      for (const attempt of attempts) expect(await failure(attempt)).toBeInstanceOf(expected);
    }
    expect(await db.product.count()).toBe(before);
    expect(await db.storedFile.count()).toBe(filesBefore);
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).title).toBe(product.title);
  });
});

describe("createProduct and updateProduct", () => {
  it("creates a product in minor units with trimmed highlights, listed after the others, with an audit entry", async () => {
    const { db } = database;
    const created = await createProduct({ db, actor: coach, input: input({ slug: "first-light", title: "First light" }) });
    expect(created).toMatchObject({ slug: "first-light", title: "First light", priceCents: 1850, currency: "GBP", kind: "DOWNLOAD", active: false, highlights: ["A 40-page journal (PDF)", "A pocket card"] });
    const { products } = await listProductsForCoach({ db, actor: coach });
    expect(products.map((p) => p.slug)).toContain("first-light");
    expect(products.find((p) => p.slug === "first-light")).toMatchObject({ fileCount: 0, hasImage: false, activeEntitlements: 0 });
    // Active ones first: the seeded shop products come before this hidden one.
    expect(products.findIndex((p) => p.slug === "rejection-sensitivity-journal")).toBeLessThan(products.findIndex((p) => p.slug === "first-light"));
    expect(await db.auditLog.count({ where: { entityId: created.id, action: "product.created" } })).toBe(1);
  });

  it("refuses a slug already used, with a field error on the slug, on create and on update", async () => {
    const { db } = database;
    const error = await failure(createProduct({ db, actor: coach, input: input({ slug: "rejection-sensitivity-journal" }) }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe("slug_taken");
    expect((error.details.fields as Record<string, string>).slug).toContain("already used by another product");

    const other = await createProduct({ db, actor: coach, input: input() });
    const onUpdate = await failure(updateProduct({ db, actor: coach, id: other.id, input: input({ slug: "alexithymia-interoception-toolkit" }) }));
    expect(onUpdate.code).toBe("slug_taken");
  });

  it("explains each field that needs another look", async () => {
    const { db } = database;
    const error = await failure(
      createProduct({ db, actor: coach, input: input({ title: " ", slug: "Not A Slug", summary: "two\nlines", priceCents: 0, currency: "XYZ" as "GBP", highlights: Array(13).fill("line") }) }),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    const fields = (error as InvalidInputError).fields;
    expect(Object.keys(fields).sort()).toEqual(["currency", "highlights", "priceCents", "slug", "summary", "title"]);
    expect(fields.priceCents).toBe("Enter a price above zero, for example 18 or 18.50.");

    const series = await failure(createProduct({ db, actor: coach, input: input({ kind: "SERIES" }) }));
    expect((series as InvalidInputError).fields.kind).toBe("Choose a download or a course.");
  });

  it("saves every field; a series keeps its kind but a download cannot become one; an unknown id is not found", async () => {
    const { db } = database;
    const product = await createProduct({ db, actor: coach, input: input() });
    const updated = await updateProduct({ db, actor: coach, id: product.id, input: input({ slug: product.slug, title: "Renamed", kind: "COURSE", priceCents: 4900, active: true, highlights: ["Six lessons"] }) });
    expect(updated).toMatchObject({ title: "Renamed", kind: "COURSE", priceCents: 4900, active: true, highlights: ["Six lessons"] });
    expect(await db.auditLog.findFirst({ where: { entityId: product.id, action: "product.activated" }, select: { data: true } })).toMatchObject({
      data: { changed: expect.objectContaining({ title: "Renamed", kind: "COURSE", priceCents: 4900 }) },
    });

    const series = await db.product.findUniqueOrThrow({ where: { slug: "five-day-friendship-series" } });
    await expect(updateProduct({ db, actor: coach, id: series.id, input: input({ slug: series.slug, kind: "SERIES", title: "Five easier days" }) })).resolves.toMatchObject({ kind: "SERIES", title: "Five easier days" });
    const toSeries = await failure(updateProduct({ db, actor: coach, id: product.id, input: input({ slug: product.slug, kind: "SERIES" }) }));
    expect((toSeries as InvalidInputError).fields.kind).toBeDefined();

    expect(await failure(updateProduct({ db, actor: coach, id: "no-such-product", input: input() }))).toBeInstanceOf(NotFoundError);
  });
});

describe("archiveProduct and unarchiveProduct", () => {
  it("archives out of the shop and the list, restores hidden; an archived product cannot be shown until restored", async () => {
    const { db } = database;
    const product = await createProduct({ db, actor: coach, input: input({ active: true }) });
    const archived = await archiveProduct({ db, actor: coach, id: product.id, now: new Date("2026-11-25T12:00:00Z") });
    expect(archived).toMatchObject({ active: false, archivedAt: new Date("2026-11-25T12:00:00Z") });
    // Twice changes nothing.
    expect((await archiveProduct({ db, actor: coach, id: product.id })).archivedAt).toEqual(new Date("2026-11-25T12:00:00Z"));
    expect((await listProductsForCoach({ db, actor: coach })).products.map((p) => p.id)).not.toContain(product.id);
    const archivedList = await listProductsForCoach({ db, actor: coach, filters: { archived: true } });
    expect(archivedList.products.map((p) => p.id)).toContain(product.id);

    const showing = await failure(updateProduct({ db, actor: coach, id: product.id, input: input({ slug: product.slug, active: true }) }));
    expect((showing as InvalidInputError).fields.active).toContain("Restore");

    const restored = await unarchiveProduct({ db, actor: coach, id: product.id });
    expect(restored).toMatchObject({ archivedAt: null, active: false });
    await expect(updateProduct({ db, actor: coach, id: product.id, input: input({ slug: product.slug, active: true }) })).resolves.toMatchObject({ active: true });
    expect(await db.auditLog.count({ where: { entityId: product.id, action: { in: ["product.archived", "product.unarchived"] } } })).toBe(2);
  });
});

describe("product files", () => {
  it("stores an uploaded PDF with its SHA-256 and size, in order, and removes it with its bytes", async () => {
    const { db } = database;
    const product = await createProduct({ db, actor: coach, input: input() });
    const first = pdfBytes("first");
    const second = pdfBytes("second, a little longer");
    const a = await attachProductFile({ db, actor: coach, productId: product.id, source: streamOf(first), fileName: "../../Journal A4.pdf", title: "Journal (A4, printable)", storage });
    const b = await attachProductFile({ db, actor: coach, productId: product.id, source: streamOf(second), fileName: "pocket card.PDF", storage });
    expect(a).toMatchObject({ title: "Journal (A4, printable)", file: { fileName: "Journal A4.pdf", contentType: "application/pdf", sizeBytes: first.length, sha256: sha256(first) } });
    expect(b).toMatchObject({ title: "pocket card", file: { sha256: sha256(second), sizeBytes: second.length } });
    expect(b.position).toBeGreaterThan(a.position);

    const stored = await db.storedFile.findUniqueOrThrow({ where: { id: a.file.id } });
    expect(stored.storageKey).not.toContain("Journal");
    const onDisk = readFileSync(path.join(storageRoot, stored.storageKey));
    expect(sha256(onDisk)).toBe(stored.sha256);

    const opened = await openProductFileForCoach({ db, actor: coach, productId: product.id, productFileId: a.id, storage });
    expect(opened).toMatchObject({ fileName: "Journal A4.pdf", contentType: "application/pdf", sizeBytes: first.length });
    const chunks: Buffer[] = [];
    for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(first));

    const shown = await getProductForCoach({ db, actor: coach, id: product.id });
    expect(shown.files.map((f) => f.title)).toEqual(["Journal (A4, printable)", "pocket card"]);
    expect((await listProductsForCoach({ db, actor: coach })).products.find((p) => p.id === product.id)?.fileCount).toBe(2);

    await expect(removeProductFile({ db, actor: coach, productId: product.id, productFileId: a.id, storage })).resolves.toEqual({ productFileId: a.id, title: "Journal (A4, printable)" });
    expect(await db.storedFile.findUnique({ where: { id: a.file.id } })).toBeNull();
    expect(existsSync(path.join(storageRoot, stored.storageKey))).toBe(false);
    expect((await getProductForCoach({ db, actor: coach, id: product.id })).files.map((f) => f.id)).toEqual([b.id]);
    // Removing again, or through another product's id, finds nothing.
    expect(await failure(removeProductFile({ db, actor: coach, productId: product.id, productFileId: a.id, storage }))).toBeInstanceOf(NotFoundError);
    const other = await createProduct({ db, actor: coach, input: input() });
    expect(await failure(removeProductFile({ db, actor: coach, productId: other.id, productFileId: b.id, storage }))).toBeInstanceOf(NotFoundError);
  });

  it("refuses a file that is not a PDF, ZIP, PNG or JPEG, or too large, and keeps nothing", async () => {
    const { db } = database;
    const product = await createProduct({ db, actor: coach, input: input() });
    const files = await db.storedFile.count();
    const wrong = await failure(attachProductFile({ db, actor: coach, productId: product.id, source: streamOf(Buffer.from("<html><script>alert(1)</script></html>")), fileName: "journal.pdf", storage }));
    expect(wrong.code).toBe("unsupported_file_type");
    const big = await failure(attachProductFile({ db, actor: coach, productId: product.id, source: streamOf(pdfBytes("big")), fileName: "big.pdf", maxBytes: 2000, storage }));
    expect(big.code).toBe("file_too_large");
    const missing = await failure(attachProductFile({ db, actor: coach, productId: "no-such-product", source: streamOf(pdfBytes("x")), fileName: "x.pdf", storage }));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(await db.storedFile.count()).toBe(files);
    expect(await db.productFile.count({ where: { productId: product.id } })).toBe(0);
  });
});

describe("product image", () => {
  it("takes a PNG, refuses a PDF, replaces the previous image (deleting its bytes) and removes it", async () => {
    const { db } = database;
    const product = await createProduct({ db, actor: coach, input: input() });
    const pdf = await failure(setProductImage({ db, actor: coach, productId: product.id, source: streamOf(pdfBytes("not an image")), fileName: "cover.png", storage }));
    expect(pdf.code).toBe("unsupported_file_type");

    const first = await setProductImage({ db, actor: coach, productId: product.id, source: streamOf(pngBytes), fileName: "cover.png", storage });
    expect(first.image).toMatchObject({ contentType: "image/png", sha256: sha256(pngBytes), sizeBytes: pngBytes.length });
    const firstKey = (await db.storedFile.findUniqueOrThrow({ where: { id: first.image.id } })).storageKey;

    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
    const second = await setProductImage({ db, actor: coach, productId: product.id, source: streamOf(jpeg), fileName: "cover.jpeg", storage });
    expect(second.image).toMatchObject({ contentType: "image/jpeg", fileName: "cover.jpg" });
    expect(await db.storedFile.findUnique({ where: { id: first.image.id } })).toBeNull();
    expect(existsSync(path.join(storageRoot, firstKey))).toBe(false);
    expect((await getProductForCoach({ db, actor: coach, id: product.id })).image?.id).toBe(second.image.id);

    const opened = await openProductImageForCoach({ db, actor: coach, productId: product.id, storage });
    const chunks: Buffer[] = [];
    for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(jpeg)).toBe(true);

    await removeProductImage({ db, actor: coach, productId: product.id, storage });
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).imageFileId).toBeNull();
    expect(await db.storedFile.findUnique({ where: { id: second.image.id } })).toBeNull();
    expect(await failure(openProductImageForCoach({ db, actor: coach, productId: product.id, storage }))).toBeInstanceOf(NotFoundError);
  });
});
