import { expect, test, type Page } from "@playwright/test";
import { countEmails, linkFrom, waitForEmail } from "./support/mail";
import { COACH_EMAIL } from "./support/paths";
import { expectNoAxeViolations } from "./support/axe";

const CLIENT_EMAIL = "river.client@example.com";

async function requestLink(page: Page, email: string, callbackUrl: string) {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
}

test("an anonymous visitor to the admin area is redirected to sign in", async ({ page, request }) => {
  const response = await request.get("/admin", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toContain("/signin?callbackUrl=%2Fadmin");

  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the coach signs in through the emailed link, reaches the admin area and reads the outbox", async ({ page }) => {
  // Other specs may have signed the coach in already: wait for this test's own link.
  const earlier = countEmails(COACH_EMAIL, /sign-in link/i);
  await requestLink(page, COACH_EMAIL, "/admin");
  const email = await waitForEmail(COACH_EMAIL, { subject: /sign-in link/i, skip: earlier });
  expect(email.html).toContain("Sign in");
  const link = linkFrom(email, /http:\/\/localhost:\d+\/api\/auth\/callback\/email\?\S+/);

  await page.goto(link);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("navigation", { name: /admin/i })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page).toHaveURL(/\/admin\/outbox/);
  await expect(page.getByRole("cell", { name: COACH_EMAIL }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // The link worked once; a second use explains kindly instead of signing in again.
  const second = await page.context().browser()!.newContext();
  const other = await second.newPage();
  await other.goto(link);
  await expect(other).toHaveURL(/\/signin/);
  await expect(other.getByText(/already been used or has expired/i)).toBeVisible();
  await second.close();
});

test("a signed-in client gets a friendly 403 in the admin area and has their own account page", async ({ page }) => {
  await requestLink(page, CLIENT_EMAIL, "/account");
  const email = await waitForEmail(CLIENT_EMAIL, { subject: /sign-in link/i });
  await page.goto(linkFrom(email, /http:\/\/localhost:\d+\/api\/auth\/callback\/email\?\S+/));
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(CLIENT_EMAIL)).toBeVisible();
  await expectNoAxeViolations(page);

  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByText(/only for the coach|is for the coach/i)).toBeVisible();
  await expect(page.getByRole("link", { name: /your account/i }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  const outbox = await page.request.get("/admin/outbox", { maxRedirects: 0 });
  expect(outbox.status()).toBe(403);
});

test("too many sign-in emails for one address get a clear 429", async ({ page, request }) => {
  const address = "many.links@example.com";
  for (let i = 0; i < 5; i++) {
    const ok = await request.post("/api/auth/email-link", { data: { email: address } });
    expect(ok.status()).toBe(202);
  }
  const limited = await request.post("/api/auth/email-link", { data: { email: address } });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  const body = (await limited.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("rate_limited");
  expect(body.error.message).toMatch(/wait about \d+ minutes?/i);

  await page.goto("/signin");
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText(/wait about \d+ minutes?/i)).toBeVisible();
});
