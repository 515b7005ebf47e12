import { expect, test, type Page } from "@playwright/test";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { expectNoAxeViolations } from "./support/axe";
import { countEmails, linkFrom, waitForEmail } from "./support/mail";
import { COACH_EMAIL } from "./support/paths";
import { downloadCount, downloadThrough, productFiles, SIGN_IN_LINK, sha256, sha256OnDisk, signInByEmail } from "./support/shop";

// The shop in test mode, as a buyer sees it: a guest buys the seeded journal, gets the receipt,
// opens the library through the receipt's sign-in link and downloads the PDF, whose bytes must be
// the ones stored (SHA-256 from the instance's database and its storage folder). Then a product the
// coach adds in the back office, bought and downloaded by a signed-in client.

const stamp = Date.now().toString(36);
const JOURNAL = { slug: "rejection-sensitivity-journal", title: "The Rejection Sensitivity Journal", price: "£18.00" };

/** The header's cart link: "Cart", then "(1 item)" once something is in it. */
const cartLink = (page: Page) => page.getByRole("banner").getByRole("link", { name: /^Cart/ });

/** "Add to cart: <title>" (the title is visually hidden; the name may come out as "Add to cart : <title>"). */
const addToCart = (title: string) => new RegExp(`^Add to cart\\s?: ${title.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);

test("a guest buys the journal in test mode, opens the library from the receipt and downloads the stored PDF", async ({ page }) => {
  const buyer = `journal-${stamp}@example.com`;

  await page.goto("/shop");
  await expect(page.getByRole("heading", { level: 1, name: "Shop" })).toBeVisible();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: JOURNAL.title }) });
  await expect(card).toContainText(JOURNAL.price);
  await expectNoAxeViolations(page);

  await card.getByRole("link", { name: JOURNAL.title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/shop/${JOURNAL.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: JOURNAL.title })).toBeVisible();
  const buy = page.getByRole("complementary", { name: "What you get" });
  await expect(buy).toContainText(JOURNAL.price);
  // The file the product delivers is named before buying.
  const [file] = await productFiles(JOURNAL.slug);
  expect(file, "the seed attached a file to the journal").toBeTruthy();
  await expect(buy.getByRole("listitem").filter({ hasText: file.title })).toBeVisible();
  await expectNoAxeViolations(page);

  await buy.getByRole("button", { name: addToCart(JOURNAL.title) }).click();
  await expect(page).toHaveURL(/\/cart\?added=/);
  await expect(page.getByRole("heading", { level: 1, name: "Your cart" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: `${JOURNAL.title} is in your cart.` })).toBeVisible();
  await expect(cartLink(page)).toHaveAccessibleName(/^Cart \(1 ?item ?\)$/);
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary.getByRole("definition").last()).toHaveText(JOURNAL.price);
  await expect(page.getByText("Test payment: no money moves.")).toBeVisible();
  await expectNoAxeViolations(page);

  // Adding a download again keeps one: the product page says it is in the cart already.
  await page.goto(`/shop/${JOURNAL.slug}`);
  await expect(page.getByText("This is in your cart.")).toBeVisible();
  await page.getByRole("link", { name: "Go to your cart" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your cart" })).toBeVisible();

  await page.getByLabel("Email address").fill(buyer);
  await page.getByRole("button", { name: `Continue to payment (${JOURNAL.price})` }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Test payment" })).toBeVisible();
  await expect(page.getByText("Test payment: no money moves.")).toBeVisible();
  const order = page.getByRole("region", { name: "Your order" });
  await expect(order.getByRole("term").filter({ hasText: JOURNAL.title })).toBeVisible();
  await expect(order.getByRole("definition").last()).toHaveText(JOURNAL.price);
  await expect(order).toContainText(buyer);
  await expectNoAxeViolations(page);

  const receipts = countEmails(buyer, /receipt/i);
  await page.getByRole("button", { name: `Pay ${JOURNAL.price} (test)` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your payment went through" })).toBeVisible();
  await expect(page.getByText(buyer)).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "your library" })).toBeVisible();
  // The paid order leaves the cart.
  await expect(cartLink(page)).toHaveAccessibleName("Cart");
  await expectNoAxeViolations(page);

  const receipt = await waitForEmail(buyer, { subject: new RegExp(`Receipt for your test payment of ${JOURNAL.price}`), skip: receipts });
  expect(receipt.text).toContain(`${JOURNAL.title}: ${JOURNAL.price}`);
  expect(receipt.text).toContain("Test payment: no money moved.");
  expect(receipt.text).toMatch(/http:\/\/localhost:\d+\/account\/library/);
  // The receipt leads to the library, never to a file.
  expect(receipt.text).not.toContain("/api/downloads/");
  expect(receipt.html).not.toContain("/api/downloads/");

  // A new browser, as when the buyer opens the email later: the link signs in and opens the library.
  const later = await page.context().browser()!.newContext();
  const library = await later.newPage();
  await library.goto(linkFrom(receipt, SIGN_IN_LINK));
  await expect(library).toHaveURL(/\/account\/library$/);
  await expect(library.getByRole("heading", { level: 1, name: "Your library" })).toBeVisible();
  await expect(library.getByText(buyer)).toBeVisible();
  const entry = library.getByRole("article", { name: JOURNAL.title });
  await expect(entry).toBeVisible();
  await expect(entry).toContainText(`${file.title} (PDF, `);
  await expectNoAxeViolations(library);

  // What the database says was stored is what is on disk …
  expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(await sha256OnDisk(file.storageKey)).toBe(file.sha256);
  // … and what the browser downloads.
  const before = await downloadCount(buyer, JOURNAL.slug);
  const served = library.waitForResponse((response) => response.url().includes("/api/downloads/"));
  const { download, bytes } = await downloadThrough(library, entry.getByRole("button", { name: `Download ${file.title}` }));
  // A fresh signed link, answered as an attachment that no cache keeps.
  const headers = (await served).headers();
  expect(headers["content-type"]).toBe("application/pdf");
  expect(headers["content-disposition"]).toMatch(/^attachment;/);
  expect(headers["cache-control"]).toBe("private, no-store");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(bytes.length).toBe(file.sizeBytes);
  expect(sha256(bytes)).toBe(file.sha256);
  expect(download.suggestedFilename()).toBe(file.fileName);
  expect(await downloadCount(buyer, JOURNAL.slug)).toBe(before + 1);
  // The library page stays where it was: the download did not navigate away.
  await expect(library.getByRole("heading", { level: 1, name: "Your library" })).toBeVisible();
  await later.close();
});

test("the coach adds a product with a PDF; a signed-in client buys it and downloads exactly that file", async ({ browser }) => {
  const slug = `calm-mornings-${stamp}`;
  const title = `Calm mornings planner ${stamp}`;
  const client = `planner-${stamp}@example.com`;
  const pdf = await planner(title);
  const expected = sha256(pdf);

  const coach = await (await browser.newContext()).newPage();
  await signInByEmail(coach, COACH_EMAIL, "/admin");
  await coach.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Products" }).click();
  await coach.getByRole("link", { name: "Add a product" }).click();
  await coach.getByLabel("Title").fill(title);
  await coach.getByLabel("Web address").fill(slug);
  await coach.getByLabel("One-line summary").fill("One page a morning for a slower start.");
  await coach.getByLabel("Description").fill("A planner for the first hour of the day.\n\n- A page per morning\n- A gentle checklist");
  await coach.getByLabel("What the buyer gets").fill("A printable planner (PDF)");
  await coach.getByLabel("Price", { exact: true }).fill("9.50");
  await coach.getByRole("button", { name: "Create product" }).click();
  await expect(coach.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await coach.getByLabel("File", { exact: true }).setInputFiles({ name: "planner.pdf", mimeType: "application/pdf", buffer: pdf });
  await coach.getByLabel("Title buyers see (optional)").fill("Planner (A5)");
  await coach.getByRole("button", { name: "Upload file" }).click();
  await expect(coach.getByRole("status").filter({ hasText: `SHA-256 ${expected.slice(0, 12)}` })).toBeVisible();
  await coach.getByLabel("Show in the shop and allow buying").check();
  await coach.getByRole("button", { name: "Save changes" }).click();
  await expect(coach.getByRole("status").filter({ hasText: `Saved “${title}”` })).toBeVisible();
  const productAdmin = coach.url();

  // The database holds the uploaded bytes' hash, and the storage folder the bytes themselves.
  const [stored] = await productFiles(slug);
  expect(stored).toMatchObject({ title: "Planner (A5)", contentType: "application/pdf", sizeBytes: pdf.length, sha256: expected });
  expect(await sha256OnDisk(stored.storageKey)).toBe(expected);

  // The client signs in first, then shops: the checkout knows their address.
  const page = await (await browser.newContext()).newPage();
  await signInByEmail(page, client, "/account");
  await page.goto("/shop");
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "What you get" })).toContainText("Planner (A5)");
  await page.getByRole("button", { name: addToCart(title) }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your cart" })).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(client);
  await page.getByRole("button", { name: "Continue to payment (£9.50)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Test payment" })).toBeVisible();
  await page.getByRole("button", { name: "Pay £9.50 (test)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your payment went through" })).toBeVisible();
  await waitForEmail(client, { subject: /Receipt for your test payment of £9\.50/ });

  // Already signed in: the library is one click away.
  await page.getByRole("main").getByRole("link", { name: "your library" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your library" })).toBeVisible();
  const entry = page.getByRole("article", { name: title });
  await expect(entry).toContainText("Planner (A5) (PDF, ");
  const { download, bytes } = await downloadThrough(page, entry.getByRole("button", { name: "Download Planner (A5)" }));
  expect(bytes.equals(pdf)).toBe(true);
  expect(sha256(bytes)).toBe(expected);
  expect(download.suggestedFilename()).toBe(stored.fileName);
  expect(await downloadCount(client, slug)).toBe(1);

  // The coach archives it: it leaves the shop (so later specs see the seeded shop), and the client keeps what they bought.
  await coach.goto(productAdmin);
  await coach.getByRole("button", { name: "Archive this product" }).click();
  await expect(coach.getByRole("status").filter({ hasText: "Archived." })).toBeVisible();
  await coach.context().close();
  await page.goto("/shop");
  await expect(page.getByRole("heading", { level: 1, name: "Shop" })).toBeVisible();
  await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  await page.goto("/account/library");
  const again = await downloadThrough(page, page.getByRole("article", { name: title }).getByRole("button", { name: "Download Planner (A5)" }));
  expect(sha256(again.bytes)).toBe(expected);
  expect(await downloadCount(client, slug)).toBe(2);
  await page.context().close();
});

/** A one-page PDF written here, so its bytes (and their hash) are known before the upload. */
async function planner(title: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pageA5 = doc.addPage([420, 595]);
  pageA5.drawText(title, { x: 36, y: 540, size: 14, font });
  ["Today I'd like to feel:", "One small thing first:", "What can wait:"].forEach((line, index) => {
    pageA5.drawText(line, { x: 36, y: 480 - index * 80, size: 11, font });
  });
  return Buffer.from(await doc.save());
}
