import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signInByEmail } from "./support/shop";
import { COACH_EMAIL } from "./support/paths";
import { expectNoAxeViolations } from "./support/axe";

// The coach adds a product with a file in the back office and shows it in the shop; a guest buys it
// in test mode; the coach finds the order, refunds it in full and the buyer's access is taken back.

test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(36);
const SLUG = `quiet-evenings-${stamp}`;
const TITLE = `Quiet evenings workbook ${stamp}`;
const BUYER = `reader-${stamp}@example.com`;
const PDF = Buffer.from(`%PDF-1.4\n% A workbook for quieter evenings (${stamp})\n${"0123456789".repeat(3000)}\n%%EOF\n`);
const SHA256 = createHash("sha256").update(PDF).digest("hex");
// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

let coach: Page;
let productUrl: string | null = null;

test.beforeAll(async ({ browser }) => {
  coach = await (await browser.newContext()).newPage();
  await signInByEmail(coach, COACH_EMAIL, "/admin");
});

// Later specs see the seeded shop: the product goes to the archive again (best effort).
test.afterAll(async () => {
  if (!coach || !productUrl) return;
  try {
    await coach.goto(productUrl);
    await coach.getByRole("button", { name: "Archive this product" }).click();
    await expect(coach.getByRole("status").filter({ hasText: "Archived." })).toBeVisible();
  } catch (error) {
    console.warn(`Could not archive the e2e product again: ${String(error)}`);
  }
});

test("the coach creates a product, uploads its file (stored with its SHA-256) and shows it in the shop", async () => {
  await coach.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Products" }).click();
  await expect(coach.getByRole("heading", { level: 1, name: "Products" })).toBeVisible();
  await expectNoAxeViolations(coach);
  await coach.getByRole("link", { name: "Add a product" }).click();

  await coach.getByLabel("Title").fill(TITLE);
  await coach.getByLabel("Web address").fill(SLUG);
  await coach.getByLabel("One-line summary").fill("Short evening pages for winding down.");
  await coach.getByLabel("Description").fill("A small workbook.\n\n- Ten evening pages\n- A wind-down checklist");
  await coach.getByLabel("What the buyer gets").fill("A 12-page workbook (PDF)");
  await coach.getByLabel("Price", { exact: true }).fill("12.50");
  await coach.getByRole("button", { name: "Create product" }).click();
  await expect(coach.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(coach.getByRole("status").filter({ hasText: "Created." })).toBeVisible();
  productUrl = new URL(coach.url()).pathname;

  await coach.getByLabel("File", { exact: true }).setInputFiles({ name: "workbook.pdf", mimeType: "application/pdf", buffer: PDF });
  await coach.getByLabel("Title buyers see (optional)").fill("Workbook (A4)");
  await coach.getByRole("button", { name: "Upload file" }).click();
  await expect(coach.getByRole("status").filter({ hasText: `SHA-256 ${SHA256.slice(0, 12)}` })).toBeVisible();
  const files = coach.getByRole("table", { name: `Files of ${TITLE}, in the order buyers see them` });
  await expect(files.getByRole("row").filter({ hasText: "Workbook (A4)" })).toContainText(`${SHA256.slice(0, 12)}…`);

  // An image over 5 MB is refused before the server reads it, and the page says so calmly; a PNG is taken.
  const image = coach.getByRole("region", { name: "Image" }).getByLabel("Image", { exact: true });
  await image.setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]) });
  await coach.getByRole("button", { name: "Upload image" }).click();
  await expect(coach.getByRole("status").filter({ hasText: "That file is larger than 5 MB. Please choose a smaller file." })).toBeFocused();
  await expect(image).toHaveAccessibleDescription(/This file is larger than 5 MB\./);
  await image.setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: PNG });
  await coach.getByRole("button", { name: "Upload image" }).click();
  await expect(coach.getByRole("status").filter({ hasText: "Uploaded “cover.png”" })).toBeFocused();
  await expect(coach.getByRole("img", { name: `Current image of ${TITLE}` })).toBeVisible();

  await coach.getByLabel("Show in the shop and allow buying").check();
  await coach.getByRole("button", { name: "Save changes" }).click();
  await expect(coach.getByRole("status").filter({ hasText: `Saved “${TITLE}”` })).toBeVisible();
  await expectNoAxeViolations(coach);
});

test("without JavaScript the upload buttons stay disabled and the page says why, so no file is dropped silently", async ({ browser }) => {
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await coach.context().storageState() });
  try {
    const page = await noScript.newPage();
    await page.goto(productUrl!);
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByRole("button", { name: "Upload file" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Upload image" })).toBeDisabled();
    await expect(page.getByText("Uploading needs JavaScript: the button is ready once the page has finished loading.")).toHaveCount(2);
  } finally {
    await noScript.close();
  }
  // With scripts on, the same buttons are ready once the page has loaded.
  await coach.goto(productUrl!);
  await expect(coach.getByRole("button", { name: "Upload file" })).toBeEnabled();
  await expect(coach.getByText("Uploading needs JavaScript")).toHaveCount(0);
});

test("a guest buys it in test mode; the coach refunds the order in full and the buyer's access is taken back", async ({ browser }) => {
  test.setTimeout(120_000);
  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto(`/shop/${SLUG}`);
  await expect(buyer.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await buyer.getByRole("button", { name: /^Add to cart/ }).click();
  await expect(buyer).toHaveURL(/\/cart\?added=/);
  await buyer.getByLabel("Email address").fill(BUYER);
  await buyer.getByRole("button", { name: "Continue to payment (£12.50)" }).click();
  await expect(buyer.getByRole("heading", { level: 1, name: "Test payment" })).toBeVisible();
  await buyer.getByRole("button", { name: /^Pay £12\.50/ }).click();
  await expect(buyer.getByRole("heading", { level: 1, name: "Your payment went through" })).toBeVisible();

  await coach.goto(`/admin/orders?email=${encodeURIComponent(BUYER)}`);
  await expectNoAxeViolations(coach);
  await coach.getByRole("link", { name: /\(details\)/ }).first().click();
  await expect(coach.getByRole("heading", { level: 1, name: `Order from ${BUYER}` })).toBeVisible();
  const access = coach.getByRole("table", { name: `What this order gave ${BUYER}` });
  await expect(access.getByRole("row").filter({ hasText: TITLE })).toContainText("Has access");
  const keep = coach.getByLabel("Keep access to downloads");
  await expect(keep).toBeVisible();
  await expect(keep).not.toBeChecked();
  await coach.getByLabel("Part of it").check();
  await expect(keep).toBeHidden();
  await coach.getByLabel(/^Everything still paid/).check();
  await expectNoAxeViolations(coach);
  await coach.getByRole("button", { name: "Refund £12.50" }).click();
  await expect(coach.getByText("This order has been refunded in full.")).toBeVisible();
  await expect(access.getByRole("row").filter({ hasText: TITLE })).toContainText("Access taken back");

  await coach.goto(`/admin/customers?q=${encodeURIComponent(BUYER)}`);
  await coach.getByRole("link", { name: BUYER }).click();
  await expect(coach.getByRole("table", { name: "What they bought access to, newest first" }).getByRole("row").filter({ hasText: TITLE })).toContainText("Access taken back");
  await expectNoAxeViolations(coach);
});
