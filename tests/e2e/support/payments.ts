import { existsSync, readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import type { SinkMessage } from "../../helpers/smtp-sink";
import { FAKE_STRIPE_STATE } from "./paths";
import { wallClock } from "./wall-clock";
import { expectNoAxeViolations } from "./axe";

// Shared by the payments specs (and the booking spec's calendar and time helpers): the paid strategy
// session booked through the real booking page, time arithmetic with Intl only (independent of the
// app's helpers), and what the fake Stripe did.

export const COACH_ZONE = "Europe/London";
export const SESSION = { slug: "strategy-session", title: "One-on-one strategy session", price: "£95", amount: "£95.00", minutes: 60 };

/** Nothing is wider than the screen: on a phone, no sideways scrolling to read a price or a button. */
export async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "page wider than the viewport").toBeLessThanOrEqual(0);
}

/** "YYYY-MM-DD" + "HH:MM" on the clocks of `timeZone` → epoch ms (for times that exist once). */
export function instantOf(date: string, time: string, timeZone: string): number {
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let instant = asUtc - wallClock(asUtc, timeZone).offsetMs;
  instant = asUtc - wallClock(instant, timeZone).offsetMs;
  return instant;
}

// ---- the booking page ----

export const timesRegion = (page: Page) => page.getByRole("region", { name: /^Times on / });

/** Waits for the month to load and returns the dates (data-date) that have times. */
export async function availableDates(page: Page): Promise<string[]> {
  await expect(page.getByRole("table").locator("button").first()).not.toHaveAccessibleName(/looking up times/);
  await expect(page.getByText(/Looking up free times/)).toHaveCount(0);
  return page
    .getByRole("table")
    .locator("button:not([aria-disabled='true'])")
    .evaluateAll((buttons) => buttons.map((button) => button.getAttribute("data-date") ?? ""));
}

/** Shows the month holding `date` (at most two months on) and returns whether that day has times. */
async function showMonthOf(page: Page, date: string): Promise<boolean> {
  for (let month = 0; month < 3; month++) {
    const dates = await availableDates(page);
    if (await page.locator(`button[data-date="${date}"]`).isVisible()) return dates.includes(date);
    await page.getByRole("button", { name: /^Next month/ }).click();
  }
  throw new Error(`${date} is not within the next three months`);
}

/** Opens the day by keyboard (it must have times). */
export async function openDay(page: Page, date: string) {
  expect(await showMonthOf(page, date), `${date} has free times`).toBe(true);
  const day = page.locator(`button[data-date="${date}"]`);
  await day.focus();
  await page.keyboard.press("Enter");
  await expect(timesRegion(page)).toBeVisible();
}

/** The first date on or after `notBefore` with times, moving months if needed (the month stays shown). */
export async function chooseBookableDate(page: Page, notBefore: string): Promise<string> {
  for (let month = 0; month < 3; month++) {
    const dates = (await availableDates(page)).filter((date) => date >= notBefore);
    if (dates.length) return dates[0];
    await page.getByRole("button", { name: /^Next month/ }).click();
  }
  throw new Error("no bookable day within three months");
}

/** The start times ("HH:MM") offered on `date`: none when the calendar shows the day without times. */
export async function timesOn(page: Page, date: string): Promise<string[]> {
  if (!(await showMonthOf(page, date))) {
    await expect(page.locator(`button[data-date="${date}"]`)).toHaveAccessibleName(/, no times available$/);
    return [];
  }
  await openDay(page, date);
  return timesShown(page);
}

/** The start times ("HH:MM") offered on the open day. */
export async function timesShown(page: Page): Promise<string[]> {
  const labels = await timesRegion(page)
    .getByRole("button")
    .evaluateAll((buttons) => buttons.map((button) => button.getAttribute("aria-label") ?? ""));
  return labels.map((label) => label.slice(0, 5));
}

export type PaidBooking = { date: string; time: string; instant: number; timeZone: string };

/**
 * On /book/strategy-session with the day open: chooses `time`, fills the details by keyboard and
 * continues to payment. Returns when the browser has left for the payment page.
 */
export async function continueToPayment(page: Page, options: { date: string; time: string; timeZone: string; name: string; email: string }): Promise<PaidBooking> {
  const slot = timesRegion(page).getByRole("button", { name: new RegExp(`^${options.time} to `) });
  await slot.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Your details" })).toBeFocused();

  // The price, and what the next page does, before anything is asked.
  const instant = instantOf(options.date, options.time, options.timeZone);
  const end = wallClock(instant + SESSION.minutes * 60_000, options.timeZone).time;
  await expect(page.getByText(`Price: ${SESSION.price}`)).toBeVisible();
  await expect(page.getByText(new RegExp(`, ${options.time} to ${end} \\(${options.timeZone.replace("/", "\\/")}\\)`))).toBeVisible();
  await expect(page.getByText(new RegExp(`Next comes the payment page, where you pay ${SESSION.price}\\. We hold this time for you for \\d+ minutes`))).toBeVisible();

  // Keyboard only: Tab from the name field through the form.
  await page.getByLabel("Your name (required)").focus();
  await page.keyboard.type(options.name);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email address (required)")).toBeFocused();
  await page.keyboard.type(options.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(/What would you like us to focus on/)).toBeFocused();
  await page.keyboard.type("A conversation with my manager that I keep putting off.");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("radio", { name: "Video call" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByRole("radio", { name: "Video call" })).toBeChecked();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);

  const submit = page.getByRole("button", { name: "Continue to payment" });
  await submit.focus();
  await page.keyboard.press("Enter");
  return { date: options.date, time: options.time, instant, timeZone: options.timeZone };
}

/** The sentence the confirmation uses for when: "… 06:00 your time (America/Sao_Paulo) — 09:00 for Maya (Europe/London)". */
export function bothZonesPattern(booking: PaidBooking): RegExp {
  const yours = wallClock(booking.instant, booking.timeZone).time;
  const coach = wallClock(booking.instant, COACH_ZONE).time;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return new RegExp(`${yours} your time \\(${escape(booking.timeZone)}\\) — (\\w{3} \\d{1,2} \\w{3}, )?${coach} for Maya \\(${escape(COACH_ZONE)}\\)`);
}

/** The success page once the payment is confirmed: when, in both zones, and what comes next. */
export async function expectPaidConfirmation(page: Page, booking: PaidBooking) {
  await expect(page.getByRole("heading", { level: 1, name: "You're booked" })).toBeVisible();
  await expect(page.getByText(bothZonesPattern(booking))).toBeVisible();
  await expect(page.getByText(/A confirmation with links to reschedule or cancel is on its way to/)).toBeVisible();
  await expect(page.getByText(`A receipt for ${SESSION.amount} follows in a separate email.`, { exact: false })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your payment" }).getByText(SESSION.amount).first()).toBeVisible();
}

// ---- emails ----

/** "Friday 27 November 2026" on the clocks of `timeZone`. */
export function fullDate(instant: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/** The receipt's (and the checkout's) line for the session: "One-on-one strategy session with Maya …, <date>, <time> (<zone>)". */
export function sessionLine(booking: PaidBooking): string {
  return `${SESSION.title} with Maya Ellison, ${fullDate(booking.instant, booking.timeZone)}, ${booking.time} (${booking.timeZone})`;
}

export function icsOf(message: SinkMessage): string {
  const attachment = message.attachments.find((a) => a.filename.endsWith(".ics") || a.contentType.includes("calendar"));
  expect(attachment, `an .ics attachment in "${message.subject}"`).toBeTruthy();
  // Unfold continuation lines (RFC 5545 3.1) before reading properties.
  return Buffer.from(attachment!.content, "base64").toString("utf8").replace(/\r\n[ \t]/g, "");
}

export function icsUtc(instant: number): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

// ---- the fake Stripe (started by serve.ts) ----

export type FakeStripeState = {
  url: string;
  webhookDeliveries: { eventId: string; type: string; status: number; body: string }[];
  refunds: { id: string; amount: number; currency: string; payment_intent: string; status: string }[];
};

export function fakeStripeState(): FakeStripeState {
  if (!existsSync(FAKE_STRIPE_STATE)) throw new Error(`no ${FAKE_STRIPE_STATE}: is the e2e server (tests/e2e/support/serve.ts) running?`);
  return JSON.parse(readFileSync(FAKE_STRIPE_STATE, "utf8")) as FakeStripeState;
}
