import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { COACH_EMAIL } from "./support/paths";
import { chooseBookableDate, continueToPayment, openDay, SESSION, timesRegion, timesShown } from "./support/payments";
import { dragAcrossCalendar } from "./support/calendar-drag";
import { signInByEmail } from "./support/shop";
import { wallClock } from "./support/wall-clock";

// The Content-Security-Policy and the other headers of lib/http/security-headers.mjs, as `next start`
// serves them, in Chromium: every page a visitor or the coach uses hydrates and works with the
// policy in force, and the browser reports not one violation, neither through the page's
// securitypolicyviolation events nor in the console (which also covers frames that run no script,
// like the outbox's sandboxed email preview). Against the test-mode instance (http://localhost), so
// no Strict-Transport-Security: proxy.ts adds it only for an https APP_URL (tests/unit/security-headers.test.ts).

const VISITOR_ZONE = "Europe/London";
const VISITOR_EMAIL = "casey.csp@example.com";

test.describe.configure({ mode: "serial" });

let context: BrowserContext;
let page: Page;
const violations: string[] = [];

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({
    timezoneId: VISITOR_ZONE,
    locale: "en-GB",
    viewport: { width: 1280, height: 1000 },
    // This file's own client address (a documentation range) for the per-IP sign-in limit, so its
    // sign-in adds nothing to what the other specs' sign-ins from 127.0.0.1 count against.
    extraHTTPHeaders: { "x-forwarded-for": "192.0.2.12" },
  });
  await context.exposeBinding("reportCspViolation", ({ frame }, text: string) => violations.push(`${frame.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      void report(`${event.effectiveDirective} refused ${event.blockedURI || "(inline)"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  context.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  page = await context.newPage();
});

test.afterAll(async () => {
  await context?.close();
});

test.beforeEach(() => {
  violations.length = 0;
});

/** Not one CSP violation so far. Waits a task first: the browser fires the event in a task of its own. */
async function expectNoCspViolations() {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  expect(violations).toEqual([]);
}

test("the headers as served: the policy everywhere, no Referer from addresses that carry a secret", async ({ request }) => {
  const home = await request.get("/");
  expect(home.status()).toBe(200);
  const headers = home.headers();
  const csp = headers["content-security-policy"];
  for (const directive of [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self' https://checkout.stripe.com",
  ]) {
    expect(csp.split("; ")).toContain(directive);
  }
  // `next start` is production: no eval, no hot-reload socket.
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toContain("ws:");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["permissions-policy"]).toBe("camera=(), microphone=(), geolocation=(), payment=()");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  // APP_URL is http://localhost here.
  expect(headers["strict-transport-security"]).toBeUndefined();

  for (const path of [`/manage/${"x".repeat(43)}`, `/api/downloads/${"x".repeat(60)}`, "/checkout/complete?session_id=cs_unknown", "/api/auth/callback/email?token=unknown&email=a%40example.com"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["referrer-policy"], path).toBe("same-origin");
    expect(response.headers()["content-security-policy"], path).toBe(csp);
  }
});

test("home and the booking calendar: choosing a time and reaching the test checkout page", async ({ browser }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await page.getByRole("link", { name: "See available times" }).click();
  await expect(page).toHaveURL(/\/book$/);
  await page.getByRole("link", { name: `See available times for the ${SESSION.title}` }).click();
  await expect(page).toHaveURL(/\/book\/strategy-session$/);
  await expect(page.getByText(`Times are shown in ${VISITOR_ZONE}`)).toBeVisible();

  const date = await chooseBookableDate(page, wallClock(Date.now() + 2 * 86_400_000, VISITOR_ZONE).date);
  await openDay(page, date);
  const [time] = await timesShown(page);
  await continueToPayment(page, { date, time, timeZone: VISITOR_ZONE, name: "Casey Csp", email: VISITOR_EMAIL });

  await expect(page).toHaveURL(/\/checkout\/test\/test_cs_[0-9a-f]{32}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Test payment" })).toBeVisible();
  await expectNoCspViolations();

  // Leave the time free again for whoever comes next, with a plain form post (JavaScript off, as
  // for a click before the page has hydrated): under this page's referrer policy the browser must
  // still send an Origin that Next accepts for the server action.
  const noScript = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": "192.0.2.12" } });
  try {
    const plain = await noScript.newPage();
    await plain.goto(page.url());
    await plain.getByRole("button", { name: "Cancel and go back" }).click();
    await expect(plain).toHaveURL(/\/checkout\/cancelled\?/);
    await expect(plain.getByText("No payment was taken and the time has been released.")).toBeVisible();
  } finally {
    await noScript.close();
  }
});

test("with JavaScript off, the manage link still cancels a booking: the cancel step opens, and the post is accepted", async ({ browser }) => {
  test.setTimeout(120_000);
  // Booked with scripts on (the calendar needs them), at least four days ahead so it can still be changed.
  await page.goto("/book/intro-call");
  const date = await chooseBookableDate(page, wallClock(Date.now() + 4 * 86_400_000, VISITOR_ZONE).date);
  await openDay(page, date);
  const [time] = await timesShown(page);
  await timesRegion(page).getByRole("button", { name: new RegExp(`^${time} to `) }).click();
  await page.getByLabel("Your name (required)").fill("Noa Noscript");
  await page.getByLabel("Email address (required)").fill("noa.noscript@example.com");
  await page.getByRole("button", { name: "Confirm booking" }).click();
  const manageUrl = await page.getByRole("link", { name: "Reschedule or cancel this booking" }).getAttribute("href");

  const noScript = await browser.newContext({ javaScriptEnabled: false, timezoneId: VISITOR_ZONE, extraHTTPHeaders: { "x-forwarded-for": "192.0.2.12" } });
  try {
    const plain = await noScript.newPage();
    await plain.goto(manageUrl!);
    await plain.getByRole("button", { name: "Cancel this session" }).click();
    await expect(plain).toHaveURL(/\?step=cancel$/);
    await expect(plain.getByRole("heading", { name: "Cancel this session?" })).toBeVisible();
    await plain.getByRole("button", { name: "Yes, cancel my session" }).click();
    await expect(plain.getByRole("heading", { name: "Your session is cancelled" })).toBeVisible();
  } finally {
    await noScript.close();
  }
});

test("the shop, a product page and adding it to the cart", async () => {
  await page.goto("/shop");
  // The site's icon comes from this site (img-src 'self'), so the browser never asks for a missing /favicon.ico.
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  const iconResponse = await page.request.get(icon!);
  expect(iconResponse.status()).toBe(200);
  expect(iconResponse.headers()["content-type"]).toContain("image/svg+xml");
  await page.getByRole("link", { name: "The Rejection Sensitivity Journal", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "The Rejection Sensitivity Journal" })).toBeVisible();
  await page.getByRole("button", { name: /Add to cart/ }).click();
  await expect(page).toHaveURL(/\/cart/);
  await expect(page.getByText("The Rejection Sensitivity Journal is in your cart.")).toBeVisible();
  await expectNoCspViolations();
});

test("signing in, the availability calendar (FullCalendar) and an email in the outbox", async () => {
  test.setTimeout(90_000);
  await signInByEmail(page, COACH_EMAIL, "/admin/availability");

  const calendar = page.getByTestId("availability-calendar");
  await expect(calendar.getByRole("cell").first()).toBeVisible();
  // Next week, so the Sunday dragged across below is still ahead.
  await page.getByRole("navigation", { name: "Weeks" }).getByRole("link", { name: /Next week/ }).click();
  await expect(page).toHaveURL(/week=\d{4}-\d{2}-\d{2}$/);
  await expect(calendar.getByRole("cell").first()).toBeVisible();

  // A drag across a Sunday morning (no seeded hours on Sundays) opens the calendar's dialog; cancel it.
  const monday = new URL(page.url()).searchParams.get("week")!;
  const [year, month, day] = monday.split("-").map(Number);
  const sunday = new Date(Date.UTC(year, month - 1, day + 6)).toISOString().slice(0, 10);
  await dragAcrossCalendar(page, { date: sunday, from: "09:00:00", to: "10:30:00" });
  const dialog = page.getByRole("dialog", { name: "Add this time" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // The outbox shows an email's HTML in a sandboxed srcdoc frame, which inherits this page's policy.
  await page.goto("/admin/outbox");
  await page.getByRole("link", { name: /sign-in link/i }).first().click();
  await expect(page.getByRole("heading", { name: "As the reader sees it" })).toBeVisible();
  await expect(page.frameLocator("iframe[sandbox]").locator("body")).toContainText(/sign/i);
  await expectNoCspViolations();
});
