import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Download, type Page } from "@playwright/test";
import pg from "pg";
import { countEmails, linkFrom, waitForEmail } from "./mail";
import { E2E_ROOT } from "./paths";

// Shared by the shop specs: what the test-mode instance stored (read from its own embedded database
// and its STORAGE_DIR, independently of the app's code), sign-in through the emailed link, axe.

/** The test-mode instance's DATA_DIR (serve.ts); STORAGE_DIR is not set there, so files live in <DATA_DIR>/files. */
const DATA_DIR = path.join(E2E_ROOT, "data");
const STORAGE_DIR = path.join(DATA_DIR, "files");

export const SIGN_IN_LINK = /http:\/\/localhost:\d+\/api\/auth\/callback\/email\?\S+/;

/** The address `npm start` recorded for the embedded database it serves (lib/db/embedded-runtime.ts). */
function databaseUrl(): string {
  const runtime = path.join(DATA_DIR, "embedded.json");
  if (!existsSync(runtime)) throw new Error(`no ${runtime}: is the e2e server (tests/e2e/support/serve.ts) running?`);
  return (JSON.parse(readFileSync(runtime, "utf8")) as { url: string }).url;
}

export async function query<Row extends object>(sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export type StoredProductFile = { title: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; storageKey: string };

/** The files attached to the product with `slug`, in the order buyers see them, as the database has them. */
export async function productFiles(slug: string): Promise<StoredProductFile[]> {
  return query<StoredProductFile>(
    `select pf.title, sf.file_name as "fileName", sf.content_type as "contentType", sf.size_bytes as "sizeBytes",
            sf.sha256, sf.storage_key as "storageKey"
       from product_files pf
       join products p on p.id = pf.product_id
       join stored_files sf on sf.id = pf.file_id
      where p.slug = $1
      order by pf.position, pf.id`,
    [slug],
  );
}

/** How many times the entitlements of `email` to the product `slug` were downloaded (0 when none). */
export async function downloadCount(email: string, slug: string): Promise<number> {
  const rows = await query<{ total: string | null }>(
    `select sum(e.download_count)::text as total from entitlements e join products p on p.id = e.product_id where e.email = $1 and p.slug = $2`,
    [email, slug],
  );
  return Number(rows[0]?.total ?? 0);
}

export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** SHA-256 of the bytes on disk under the instance's STORAGE_DIR for `storageKey`. */
export async function sha256OnDisk(storageKey: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path.join(STORAGE_DIR, storageKey))) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Clicks `button` (a library download) and returns the file the browser saved, with its bytes. */
export async function downloadThrough(page: Page, button: ReturnType<Page["getByRole"]>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  expect(await download.failure()).toBeNull();
  const file = await download.path();
  return { download, bytes: readFileSync(file) };
}

/** Signs `page` in as `email` through the emailed link, the way a person would; lands on `callbackUrl`. */
export async function signInByEmail(page: Page, email: string, callbackUrl: string) {
  const earlier = countEmails(email, /sign-in link/i);
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const message = await waitForEmail(email, { subject: /sign-in link/i, skip: earlier });
  await page.goto(linkFrom(message, SIGN_IN_LINK));
  await expect(page).toHaveURL(new RegExp(`${callbackUrl.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`));
}
