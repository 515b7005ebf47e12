import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { countEmails, linkFrom, waitForEmail } from "./support/mail";
import { COACH_EMAIL } from "./support/paths";
import {
  chooseBookableDate,
  continueToPayment,
  expectNoSidewaysScroll,
  expectPaidConfirmation,
  fullDate,
  icsOf,
  icsUtc,
  openDay,
  SESSION,
  sessionLine,
  timesOn,
  timesShown,
} from "./support/payments";
import { wallClock } from "./support/wall-clock";

// Test mode (no Stripe key, the instance on E2E_PORT): a visitor in São Paulo books the paid strategy
// session on a phone-sized screen, mostly by keyboard, pays on the product's own "Test payment"
// page and gets the confirmation and the receipt by email; another visitor changes their mind on
// that page and the time is offered again at once.

const VISITOR_ZONE = "America/Sao_Paulo";
const CLIENT_EMAIL = "priya.paid@example.com";
const CANCELLING_EMAIL = "rowan.maybe@example.com";

test.use({ timezoneId: VISITOR_ZONE, locale: "en-GB", viewport: { width: 390, height: 844 } });
test.describe.configure({ mode: "serial" });

const twoDaysAhead = () => wallClock(Date.now() + 2 * 86_400_000, VISITOR_ZONE).date;
let paidDate = "";

test("a visitor pays for the strategy session on the test checkout page and gets the confirmation and the receipt", async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto("/book");
  await expect(page.getByText(`1 hour · ${SESSION.price}`)).toBeVisible();
  const link = page.getByRole("link", { name: `See available times for the ${SESSION.title}` });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/book\/strategy-session$/);
  await expect(page.getByRole("heading", { level: 1, name: SESSION.title })).toBeVisible();
  await expect(page.getByText(`Times are shown in ${VISITOR_ZONE}`)).toBeVisible();

  paidDate = await chooseBookableDate(page, twoDaysAhead());
  await openDay(page, paidDate);
  const times = await timesShown(page);
  expect(times.length).toBeGreaterThan(1);

  // The last time of the day, so the next test can hold an earlier one.
  const booking = await continueToPayment(page, { date: paidDate, time: times[times.length - 1], timeZone: VISITOR_ZONE, name: "Priya Paid", email: CLIENT_EMAIL });

  // The product's own checkout page, plainly labelled.
  await expect(page).toHaveURL(/\/checkout\/test\/test_cs_[0-9a-f]{32}$/);
  const checkoutId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name: "Test payment" })).toBeVisible();
  await expect(page.getByText("Test payment: no money moves.")).toBeVisible();
  const order = page.getByRole("region", { name: "Your order" });
  await expect(order.getByText(SESSION.title)).toBeVisible();
  await expect(order.getByText(SESSION.amount).first()).toBeVisible();
  await expect(order.getByText(new RegExp(`, ${booking.time} to \\d\\d:\\d\\d \\(America/Sao_Paulo\\)`))).toBeVisible();
  // The date once, on its own line: the item says what it is.
  await expect(order.getByText(fullDate(booking.instant, VISITOR_ZONE))).toHaveCount(1);
  await expect(order.getByText(CLIENT_EMAIL)).toBeVisible();
  await expect(page.getByText(/Your time is held until /)).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);

  // Before paying, the success page (as after a slow webhook) says it is confirming, and refreshes itself.
  const waiting = await context.newPage();
  await waiting.goto(`/checkout/complete?session_id=${checkoutId}`);
  await expect(waiting.getByRole("heading", { level: 1, name: "Confirming your payment…" })).toBeVisible();
  await expect(waiting.getByText(`your payment of ${SESSION.amount}`)).toBeVisible();
  await expectNoAxeViolations(waiting);
  // Nothing is confirmed, or emailed, before the payment.
  expect(countEmails(CLIENT_EMAIL)).toBe(0);

  const pay = page.getByRole("button", { name: `Pay ${SESSION.amount} (test)` });
  await pay.focus();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/checkout/complete\\?session_id=${checkoutId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "You're booked" })).toBeVisible();
  await expectPaidConfirmation(page, booking);
  await expect(page.getByText(fullDate(booking.instant, VISITOR_ZONE))).toHaveCount(1);
  await expect(page.getByText("This was a test payment: no money moved.", { exact: false })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);

  // The page left waiting turns into the confirmation by itself.
  await expect(waiting.getByRole("heading", { level: 1, name: "You're booked" })).toBeVisible({ timeout: 20_000 });
  await waiting.close();

  // The emails a person finds in their inbox: the confirmation with its calendar file, and the receipt.
  const confirmation = await waitForEmail(CLIENT_EMAIL, { subject: /^Your session is confirmed for / });
  expect(linkFrom(confirmation, /http:\/\/localhost:\d+\/manage\/[A-Za-z0-9_-]{43}/)).toBeTruthy();
  const ics = icsOf(confirmation);
  expect(ics).toMatch(new RegExp(`^DTSTART(;[^:]*)?:${icsUtc(booking.instant)}\\s*$`, "m"));
  const receipt = await waitForEmail(CLIENT_EMAIL, { subject: /receipt/i });
  expect(receipt.subject).toBe(`Receipt for your test payment of ${SESSION.amount}`);
  expect(receipt.text).toContain("Test payment: no money moved.");
  expect(receipt.text).toContain(`${sessionLine(booking)}: ${SESSION.amount}`);
  expect(receipt.text).toContain(`Total paid: ${SESSION.amount}`);
  const coachEmail = await waitForEmail(COACH_EMAIL, { subject: /^New booking: Priya Paid, / });
  expect(coachEmail.subject).toContain(`, ${wallClock(booking.instant, "Europe/London").time}`);
  // Exactly one of each, however many times the pages asked.
  expect(countEmails(CLIENT_EMAIL, /^Your session is confirmed/)).toBe(1);
  expect(countEmails(CLIENT_EMAIL, /receipt/i)).toBe(1);

  // Paying again from the same page is not possible: it says the order is paid.
  await page.goto(`/checkout/test/${checkoutId}`);
  await expect(page.getByRole("heading", { name: "This order is already paid" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Pay / })).toHaveCount(0);
});

test("cancelling on the test checkout page releases the time at once", async ({ page, context }) => {
  test.setTimeout(120_000);
  expect(paidDate, "the paid booking test ran first").not.toBe("");
  await page.goto(`/book/${SESSION.slug}`);
  await openDay(page, paidDate);
  const before = await timesShown(page);
  const time = before[0];

  const booking = await continueToPayment(page, { date: paidDate, time, timeZone: VISITOR_ZONE, name: "Rowan Maybe", email: CANCELLING_EMAIL });
  await expect(page).toHaveURL(/\/checkout\/test\/test_cs_[0-9a-f]{32}$/);
  const checkoutId = page.url().split("/").pop()!;

  // While this visitor is on the payment page, the time is held: nobody else is offered it.
  const other = await context.newPage();
  await other.goto(`/book/${SESSION.slug}`);
  expect(await timesOn(other, paidDate)).not.toContain(time);
  await other.close();

  const cancel = page.getByRole("button", { name: "Cancel and go back" });
  await cancel.focus();
  await page.keyboard.press("Enter");
  // Our own signed link to the order, not Stripe's session placeholder.
  await expect(page).toHaveURL(/\/checkout\/cancelled\?order=\w+&sig=[\w-]{43}$/);
  const cancelLink = page.url();
  await expect(page.getByRole("heading", { level: 1, name: "No payment was taken" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "No payment was taken and the time has been released." })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);

  // Back on the booking page, the same time is offered again.
  await page.getByRole("link", { name: "Back to the booking page" }).click();
  await expect(page).toHaveURL(new RegExp(`/book/${SESSION.slug}$`));
  expect(await timesOn(page, paidDate)).toEqual(before);
  expect(before).toContain(booking.time);

  // The old payment page can't be paid any more; it says why, calmly.
  await page.goto(`/checkout/test/${checkoutId}`);
  await expect(page.getByRole("heading", { name: "This checkout has closed" })).toBeVisible();
  await expect(page.getByText("Nothing was charged, and the time it held has been released.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Pay / })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The same link with its signature altered is the calm "couldn't find" page.
  await page.goto(cancelLink.replace(/sig=./, (sig) => (sig.endsWith("A") ? "sig=B" : "sig=A")));
  await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that payment page" })).toBeVisible();

  // The confirmation written with the hold was never sent.
  await page.waitForTimeout(2_000);
  expect(countEmails(CANCELLING_EMAIL)).toBe(0);
});
