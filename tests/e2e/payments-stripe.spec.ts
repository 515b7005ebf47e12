import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { countEmails, linkFrom, waitForEmail } from "./support/mail";
import { E2E_STRIPE_BASE_URL } from "./support/paths";
import {
  chooseBookableDate,
  continueToPayment,
  expectPaidConfirmation,
  fakeStripeState,
  icsOf,
  icsUtc,
  openDay,
  SESSION,
  sessionLine,
  timesShown,
} from "./support/payments";
import { wallClock } from "./support/wall-clock";

// Stripe mode: the second instance of the same build (E2E_STRIPE_PORT), with a Stripe secret key
// and the SDK pointed at the fake Stripe API that serve.ts runs. A visitor in Chicago books the
// strategy session, pays on the fake's hosted checkout page, whose Pay button sends the signed
// webhook to /api/stripe/webhook before redirecting to the success page; then cancels from the
// emailed manage link and is refunded through the same fake.

const VISITOR_ZONE = "America/Chicago";
const CLIENT_EMAIL = "jordan.card@example.com";

test.use({ baseURL: E2E_STRIPE_BASE_URL, timezoneId: VISITOR_ZONE, locale: "en-US" });
test.describe.configure({ mode: "serial" });

let manageUrl = "";

test.beforeAll(async () => {
  // Playwright waits for the test-mode instance; this one starts alongside it.
  test.setTimeout(180_000);
  const deadline = Date.now() + 170_000;
  for (;;) {
    const ok = await fetch(`${E2E_STRIPE_BASE_URL}/api/health`).then((response) => response.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the Stripe-mode instance did not become healthy at ${E2E_STRIPE_BASE_URL}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

test("a visitor pays on the (fake) Stripe checkout page; the signed webhook confirms the booking and the receipt arrives", async ({ page, context }) => {
  test.setTimeout(120_000);
  const deliveriesBefore = fakeStripeState().webhookDeliveries.length;

  await page.goto(`/book/${SESSION.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: SESSION.title })).toBeVisible();
  const date = await chooseBookableDate(page, wallClock(Date.now() + 2 * 86_400_000, VISITOR_ZONE).date);
  await openDay(page, date);
  const times = await timesShown(page);
  const booking = await continueToPayment(page, { date, time: times[0], timeZone: VISITOR_ZONE, name: "Jordan Card", email: CLIENT_EMAIL });

  // Stripe's hosted page (the fake's): the amount priced from our database, the email prefilled.
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/checkout\/cs_test_[0-9a-f]{32}$/);
  const checkoutId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name: "Fake Stripe checkout" })).toBeVisible();
  // The line item names the session, the coach and the time on the visitor's clock.
  await expect(page.getByRole("listitem").filter({ hasText: `${sessionLine(booking)} × 1: ${SESSION.amount}` })).toBeVisible();
  await expect(page.getByText(`Total: ${SESSION.amount}`)).toBeVisible();
  await expect(page.getByText(`Receipt to ${CLIENT_EMAIL}`)).toBeVisible();

  // Before paying, our success page only says it is confirming (and there is no test-mode label).
  const waiting = await context.newPage();
  await waiting.goto(`/checkout/complete?session_id=${checkoutId}`);
  await expect(waiting.getByRole("heading", { level: 1, name: "Confirming your payment…" })).toBeVisible();
  await expect(waiting.getByText(/test payment/i)).toHaveCount(0);
  await expectNoAxeViolations(waiting);
  // Closed before paying, so only the webhook can confirm the payment first.
  await waiting.close();

  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(new RegExp(`^${E2E_STRIPE_BASE_URL}/checkout/complete\\?session_id=${checkoutId}$`));
  await expectPaidConfirmation(page, booking);
  await expect(page.getByText(/test payment/i)).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The signed webhook reached the app and applied the payment (the success page came after it).
  const deliveries = fakeStripeState().webhookDeliveries.slice(deliveriesBefore);
  expect(deliveries.map((d) => [d.type, d.status, JSON.parse(d.body) as unknown])).toEqual([
    ["checkout.session.completed", 200, { received: true, outcome: "applied" }],
  ]);

  const confirmation = await waitForEmail(CLIENT_EMAIL, { subject: /^Your session is confirmed for / });
  manageUrl = linkFrom(confirmation, new RegExp(`${E2E_STRIPE_BASE_URL}/manage/[A-Za-z0-9_-]{43}`));
  expect(icsOf(confirmation)).toMatch(new RegExp(`^DTSTART(;[^:]*)?:${icsUtc(booking.instant)}\\s*$`, "m"));
  const receipt = await waitForEmail(CLIENT_EMAIL, { subject: /receipt/i });
  expect(receipt.subject).toBe(`Your receipt: ${SESSION.amount}`);
  expect(receipt.text).toContain(`${sessionLine(booking)}: ${SESSION.amount}`);
  expect(receipt.text).toContain(`Total paid: ${SESSION.amount}`);
  expect(receipt.text).not.toMatch(/test payment/i);
  expect(countEmails(CLIENT_EMAIL, /^Your session is confirmed/)).toBe(1);
  expect(countEmails(CLIENT_EMAIL, /receipt/i)).toBe(1);
});

test("the client cancels the paid session from the emailed link, is told the refund first, and gets it", async ({ page }) => {
  test.setTimeout(120_000);
  expect(manageUrl, "the Stripe payment test ran first").not.toBe("");
  const refundsBefore = fakeStripeState().refunds.length;

  await page.goto(manageUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Your booking" })).toBeVisible();
  await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(page.getByText(`Paid: ${SESSION.amount}`)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Cancel this session" }).click();
  await expect(page.getByRole("heading", { name: "Cancel this session?" })).toBeFocused();
  await expect(page.getByText(/You'll get £95\.00 back in full/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Yes, cancel my session" }).click();

  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
  await expect(page.getByText(`Refunded: ${SESSION.amount}`)).toBeVisible();
  await expect(page.getByText(/£95\.00 (refunded|refund on its way)/)).toBeVisible();
  await expectNoAxeViolations(page);

  // The refund was made at "Stripe", once, for the full amount; the page then says it is done.
  await expect.poll(() => fakeStripeState().refunds.slice(refundsBefore).map((r) => [r.amount, r.currency, r.status])).toEqual([[9500, "gbp", "succeeded"]]);
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(`${SESSION.amount} refunded`, { exact: false })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const refund = await waitForEmail(CLIENT_EMAIL, { subject: /refund/i });
  expect(refund.subject).toBe(`Your refund of ${SESSION.amount}`);
  expect(refund.text).toContain("that's the full amount you paid");
  await waitForEmail(CLIENT_EMAIL, { subject: /^Your session is cancelled/ });
});
