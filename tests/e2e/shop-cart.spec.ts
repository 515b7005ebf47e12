import { expect, test, type Page } from "@playwright/test";
import { countEmails, linkFrom, waitForEmail } from "./support/mail";
import { expectNoAxeViolations } from "./support/axe";

// The shop as a visitor meets it: the catalogue and a product page at phone width with no axe
// violations, the add-to-cart and remove forms working with JavaScript switched off, and a cart
// that comes along when its owner signs in.

const stamp = Date.now().toString(36);
const SHOPPER = `shopper-${stamp}@example.com`;

async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

test.use({ viewport: { width: 360, height: 780 } });

test("the catalogue, a product and the cart at phone width, with no axe violations", async ({ page }) => {
  await page.goto("/shop");
  await expect(page.getByRole("heading", { level: 1, name: "Shop" })).toBeVisible();
  const journal = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "The Rejection Sensitivity Journal" }) });
  await expect(journal).toContainText("£18.00");
  await expect(journal).toContainText("Ninety gentle prompts");
  // The free email series is not sold through the cart.
  await expect(page.getByRole("heading", { name: "Five days of easier friendships" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await expectNoSidewaysScroll(page);

  await journal.getByRole("link", { name: "The Rejection Sensitivity Journal", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "The Rejection Sensitivity Journal" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What you get" })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoSidewaysScroll(page);

  await page.getByRole("button", { name: /Add to cart/ }).click();
  await expect(page).toHaveURL(/\/cart/);
  await expect(page.getByText("The Rejection Sensitivity Journal is in your cart.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Cart \(1 item ?\)$/ })).toBeVisible();

  // A code that doesn't exist is answered next to the field.
  await page.getByLabel("Discount code").fill("nothing-here");
  await page.getByRole("button", { name: "Apply code" }).click();
  await expect(page.getByText("We couldn't find the code NOTHING-HERE.", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Discount code")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
  await expectNoSidewaysScroll(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("adding to the cart, and taking it out again, are plain forms", async ({ page }) => {
    await page.goto("/shop/alexithymia-interoception-toolkit");
    await page.getByRole("button", { name: /Add to cart/ }).click();
    await expect(page).toHaveURL(/\/cart\?added=/);
    await expect(page.getByText("Alexithymia and Interoception Toolkit is in your cart.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Summary" })).toContainText("£24.00");

    // A download is one per buyer: the product page says it's in the cart instead of offering it again.
    await page.goto("/shop/alexithymia-interoception-toolkit");
    await expect(page.getByText("This is in your cart.")).toBeVisible();

    await page.goto("/cart");
    await page.getByRole("button", { name: "Remove Alexithymia and Interoception Toolkit" }).click();
    await expect(page.getByText("Your cart is empty.")).toBeVisible();
  });
});

test("the cart comes along when its owner signs in", async ({ page }) => {
  await page.goto("/shop/steady-ground-course");
  await page.getByRole("button", { name: /Add to cart/ }).click();
  await expect(page.getByText("Steady Ground: a six-week course is in your cart.")).toBeVisible();

  await page.getByRole("link", { name: "Sign in" }).click();
  // The cart page has an email field too: wait for the sign-in page before filling one in.
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email address").fill(SHOPPER);
  const earlier = countEmails(SHOPPER, /sign-in link/i);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const email = await waitForEmail(SHOPPER, { subject: /sign-in link/i, skip: earlier });
  await page.goto(linkFrom(email, /http:\/\/localhost:\d+\/api\/auth\/callback\/email\?\S+/));

  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByRole("link", { name: "Steady Ground: a six-week course" })).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(SHOPPER);
  await expectNoAxeViolations(page);
});
