import { expect, test, type Browser, type Page } from "@playwright/test";
import { linkFrom, waitForEmail } from "./support/mail";
import { availableDates, chooseBookableDate, COACH_ZONE, icsOf, icsUtc, instantOf, timesRegion, timesShown } from "./support/payments";
import { wallClock } from "./support/wall-clock";
import { expectNoAxeViolations } from "./support/axe";

// A visitor in New York books the free intro call with the coach (seeded, Europe/London), sees
// the coach's hours converted to their own clock, gets the confirmation email with its calendar
// file, moves the session and cancels it through the manage link. A second visitor who had the
// same time open gets the kind 409 with other times. The server runs on real time, so the day is
// chosen from what is bookable now, and every expected time is computed here with Intl.

const VISITOR_ZONE = "America/New_York";
const CLIENT_EMAIL = "sam.booker@example.com";
const SECOND_EMAIL = "alex.second@example.com";

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });
test.describe.configure({ mode: "serial" });

// ---- time arithmetic for expectations, with Intl only (independent of the app's helpers) ----

function isoWeekday(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

/** The coach's weekly hours from lib/db/seed.ts: ISO weekday → [start, end) wall-clock minutes in London. */
const SEEDED_HOURS: Record<number, Array<[number, number]>> = {
  1: [
    [9 * 60, 12 * 60],
    [13 * 60, 17 * 60],
  ],
  2: [[10 * 60, 16 * 60]],
  3: [
    [9 * 60, 12 * 60],
    [14 * 60, 18 * 60 + 30],
  ],
  4: [[10 * 60, 16 * 60]],
  5: [[9 * 60 + 30, 13 * 60]],
};

function minutesOf(time: string): number {
  const [hour, minute] = time.split(":").map(Number);
  return hour * 60 + minute;
}

function icsProperty(ics: string, name: string): string {
  const match = ics.match(new RegExp(`^${name}(?:;[^:]*)?:(.*)$`, "m"));
  expect(match, `${name} in the calendar file`).toBeTruthy();
  return match![1].trim();
}

// ---- page helpers ----

/** Opens the day with a pointer click (the payments specs open theirs by keyboard). */
async function openDay(page: Page, date: string) {
  await page.locator(`button[data-date="${date}"]`).click();
  await expect(timesRegion(page)).toBeVisible();
}

async function newVisitor(browser: Browser) {
  const context = await browser.newContext({ timezoneId: VISITOR_ZONE, locale: "en-US" });
  return { context, page: await context.newPage() };
}

// ---- shared across the serial tests ----

let bookedDate = "";
let firstTime = "";
let firstInstant = 0;
let manageUrl = "";

test("/book lists the session types with their price and a way to see times", async ({ page }) => {
  await page.goto("/book");
  await expect(page.getByRole("heading", { level: 1, name: "Book a session" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Free 20-minute intro call" })).toBeVisible();
  await expect(page.getByText("20 minutes · Free")).toBeVisible();
  await expect(page.getByText("1 hour · £95")).toBeVisible();
  await expect(page.getByRole("link", { name: "See available times for the Free 20-minute intro call" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a visitor in New York books the intro call at the coach's hours, on their own clock", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto("/book/intro-call");
  await expect(page.getByRole("heading", { level: 1, name: "Free 20-minute intro call" })).toBeVisible();
  await expect(page.getByText(`Times are shown in ${VISITOR_ZONE}`)).toBeVisible();
  const today = wallClock(Date.now(), VISITOR_ZONE).date;
  await expect(page.locator(`button[data-date="${today}"]`)).toHaveAttribute("aria-current", "date");

  // Step 1: a day at least two days ahead, its times = the coach's London hours on New York clocks.
  const twoDaysAhead = wallClock(Date.now() + 2 * 86_400_000, VISITOR_ZONE).date;
  bookedDate = await chooseBookableDate(page, twoDaysAhead);
  await expectNoAxeViolations(page);
  const dayButton = page.locator(`button[data-date="${bookedDate}"]`);
  await expect(dayButton).toHaveAccessibleName(/^\w+day \d{1,2} \w+ \d{4}, \d+ times? available$/);

  // The keyboard moves between days (arrow keys), and back.
  await dayButton.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await expect(dayButton).toBeFocused();

  await openDay(page, bookedDate);
  const shown = await timesShown(page);
  expect(shown.length).toBeGreaterThan(0);
  const windows = SEEDED_HOURS[isoWeekday(bookedDate)] ?? [];
  const expected = windows.flatMap(([start, end]) => {
    const times: string[] = [];
    for (let minute = start; minute + 20 <= end; minute += 20) {
      const london = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
      times.push(wallClock(instantOf(bookedDate, london, COACH_ZONE), VISITOR_ZONE).time);
    }
    return times;
  });
  expect(expected.length).toBeGreaterThan(0);
  for (const time of shown) expect(expected).toContain(time);
  expect(shown[0]).toBe(expected[0]);
  // Every time in London lies inside the coach's hours.
  for (const time of shown) {
    const london = minutesOf(wallClock(instantOf(bookedDate, time, VISITOR_ZONE), COACH_ZONE).time);
    expect(windows.some(([start, end]) => london >= start && london + 20 <= end)).toBe(true);
  }
  const firstButton = timesRegion(page).getByRole("button").first();
  await expect(firstButton).toHaveAccessibleName(new RegExp(`^${shown[0]} to \\d\\d:\\d\\d, \\w+day \\d{1,2} \\w+ \\d{4}, America/New_York$`));
  await expectNoAxeViolations(page);

  firstTime = shown[0];
  firstInstant = instantOf(bookedDate, firstTime, VISITOR_ZONE);

  // A second visitor has the same time open at the same moment.
  const second = await newVisitor(browser);
  await second.page.goto("/book/intro-call");
  await availableDates(second.page);
  if (!(await second.page.locator(`button[data-date="${bookedDate}"]`).isVisible())) {
    await second.page.getByRole("button", { name: /^Next month/ }).click();
  }
  await openDay(second.page, bookedDate);
  await timesRegion(second.page).getByRole("button").first().click();
  await expect(second.page.getByRole("heading", { name: "Your details" })).toBeFocused();

  // Step 2: details. An empty name is explained next to the field, which receives focus.
  await firstButton.click();
  await expect(page.getByRole("heading", { name: "Your details" })).toBeFocused();
  await expect(page.getByText(new RegExp(`${firstTime} to \\d\\d:\\d\\d \\(America/New_York\\)`))).toBeVisible();
  await page.getByLabel("Email address (required)").fill(CLIENT_EMAIL);
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByLabel("Your name (required)")).toBeFocused();
  await expect(page.getByText(/Please add your name/)).toBeVisible();
  await expectNoAxeViolations(page);

  // "Back to times" keeps the choice.
  await page.getByRole("button", { name: "Back to times" }).click();
  await expect(page.getByRole("heading", { name: "Choose a day and time" })).toBeFocused();
  await expect(timesRegion(page).getByRole("button", { name: /your choice$/ })).toHaveCount(1);
  await timesRegion(page).getByRole("button", { name: /your choice$/ }).click();
  await expect(page.getByLabel("Email address (required)")).toHaveValue(CLIENT_EMAIL);

  await page.getByLabel("Your name (required)").fill("Sam Booker");
  await page.getByLabel(/What would you like to talk about/).fill("Starting things and finishing them.");
  await page.getByRole("button", { name: "Confirm booking" }).click();

  // Step 3: confirmed, in both zones.
  await expect(page.getByRole("heading", { name: "Your session is confirmed" })).toBeFocused();
  const coachTime = wallClock(firstInstant, COACH_ZONE).time;
  await expect(page.getByText(`${firstTime} your time (${VISITOR_ZONE}) — ${coachTime} for Maya (${COACH_ZONE})`)).toBeVisible();
  await expect(page.getByText(/confirmation email is on its way/)).toBeVisible();
  const manageLink = page.getByRole("link", { name: "Reschedule or cancel this booking" });
  manageUrl = (await manageLink.getAttribute("href")) ?? "";
  expect(manageUrl).toMatch(/\/manage\/[A-Za-z0-9_-]{43}$/);
  await expectNoAxeViolations(page);

  // The email, with a calendar file for the chosen instant and the same manage link.
  const email = await waitForEmail(CLIENT_EMAIL, { subject: /confirmed/i });
  expect(linkFrom(email, /http:\/\/localhost:\d+\/manage\/[A-Za-z0-9_-]{43}/)).toBe(manageUrl);
  const ics = icsOf(email);
  expect(icsProperty(ics, "METHOD")).toBe("REQUEST");
  expect(icsProperty(ics, "DTSTART")).toBe(icsUtc(firstInstant));
  expect(icsProperty(ics, "DTEND")).toBe(icsUtc(firstInstant + 20 * 60_000));

  // The second visitor now confirms the same time: it's taken, kindly, with other times offered.
  await second.page.getByLabel("Your name (required)").fill("Alex Second");
  await second.page.getByLabel("Email address (required)").fill(SECOND_EMAIL);
  await second.page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(second.page.getByRole("heading", { name: "That time is no longer free" })).toBeVisible();
  await expect(second.page.getByText(/Nothing was booked, and your details are still here/)).toBeVisible();
  const alternatives = second.page.getByRole("button", { name: /^\d\d:\d\d to \d\d:\d\d, \w+day .*, America\/New_York$/ });
  expect(await alternatives.count()).toBeGreaterThan(0);
  await expect(alternatives.filter({ hasText: new RegExp(`^${firstTime} to`) })).toHaveCount(0);
  await expectNoAxeViolations(second.page);
  await alternatives.first().click();
  await expect(second.page.getByText(/Your new time is chosen/)).toBeFocused();
  await expect(second.page.getByLabel("Your name (required)")).toHaveValue("Alex Second");
  await second.context.close();
});

test("the manage link shows the booking, moves it to another time, then cancels it", async ({ page }) => {
  test.setTimeout(120_000);
  expect(manageUrl, "the booking test ran first").not.toBe("");
  await page.goto(manageUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Your booking" })).toBeVisible();
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "same-origin");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
  const end = wallClock(firstInstant + 20 * 60_000, VISITOR_ZONE).time;
  await expect(page.getByText(new RegExp(`, ${firstTime} to ${end} \\(America/New_York\\)$`))).toBeVisible();
  await expect(page.getByText(new RegExp(`, ${wallClock(firstInstant, COACH_ZONE).time} to \\d\\d:\\d\\d \\(Europe/London\\)$`))).toBeVisible();
  await expectNoAxeViolations(page);

  // Reschedule: the same picker, then a confirmation step.
  await page.getByRole("button", { name: "Choose a new time" }).click();
  await expect(page.getByRole("heading", { name: "Choose a new time" })).toBeFocused();
  if (!(await page.locator(`button[data-date="${bookedDate}"]`).isVisible())) {
    await page.getByRole("button", { name: /^Next month/ }).click();
  }
  await availableDates(page);
  await openDay(page, bookedDate);
  const times = await timesShown(page);
  expect(times).not.toContain(firstTime);
  const newTime = times[times.length - 1];
  const newInstant = instantOf(bookedDate, newTime, VISITOR_ZONE);
  await expectNoAxeViolations(page);
  await timesRegion(page).getByRole("button").last().click();
  await expect(page.getByRole("heading", { name: "Move your session?" })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Move my session" }).click();

  await expect(page.getByRole("heading", { name: "Your session has moved" })).toBeFocused();
  await expect(page).toHaveURL(/\?done=rescheduled$/);
  await expect(page.getByText(new RegExp(`${newTime} to \\d\\d:\\d\\d \\(America/New_York\\)`)).first()).toBeVisible();
  await expectNoAxeViolations(page);

  const moved = await waitForEmail(CLIENT_EMAIL, { subject: /moved/i });
  const movedIcs = icsOf(moved);
  expect(icsProperty(movedIcs, "DTSTART")).toBe(icsUtc(newInstant));
  expect(Number(icsProperty(movedIcs, "SEQUENCE"))).toBeGreaterThan(0);

  // Cancel: a confirmation step with an optional message.
  await page.getByRole("button", { name: "Cancel this session" }).click();
  await expect(page.getByRole("heading", { name: "Cancel this session?" })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByLabel("A message for Maya (optional)").fill("Something came up at work, sorry.");
  await page.getByRole("button", { name: "Yes, cancel my session" }).click();
  await expect(page.getByRole("heading", { name: "Your session is cancelled" })).toBeFocused();
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Book a new time" })).toHaveAttribute("href", "/book/intro-call");
  await expect(page.getByRole("button", { name: "Choose a new time" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const cancelled = await waitForEmail(CLIENT_EMAIL, { subject: /cancelled/i });
  expect(icsProperty(icsOf(cancelled), "METHOD")).toBe("CANCEL");

  // Reading the page again changes nothing and still says cancelled.
  await page.goto(manageUrl);
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
});

test("an unknown manage link gets the friendly not-found page", async ({ page }) => {
  const response = await page.goto(`/manage/${"x".repeat(43)}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn't find that booking link" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the booking shows under /account once the client signs in with that address", async ({ page }) => {
  await page.goto("/signin?callbackUrl=%2Faccount");
  await page.getByLabel("Email address").fill(CLIENT_EMAIL);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const email = await waitForEmail(CLIENT_EMAIL, { subject: /sign-in link/i });
  await page.goto(linkFrom(email, /http:\/\/localhost:\d+\/api\/auth\/callback\/email\?\S+/));
  await expect(page).toHaveURL(/\/account$/);
  const sessions = page.getByRole("region", { name: "Your sessions" });
  await expect(sessions.getByRole("heading", { name: "Earlier and cancelled" })).toBeVisible();
  await expect(sessions.getByText(new RegExp(`\\d\\d:\\d\\d to \\d\\d:\\d\\d \\(America/New_York\\)`))).toBeVisible();
  await expect(sessions.getByText("Status: Cancelled")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the visitor can show times in another zone, and the choice is remembered", async ({ page }) => {
  await page.goto("/book/intro-call");
  await expect(page.getByText(`Times are shown in ${VISITOR_ZONE}, the time zone your device uses.`)).toBeVisible();
  const twoDaysAhead = wallClock(Date.now() + 2 * 86_400_000, VISITOR_ZONE).date;
  const date = await chooseBookableDate(page, twoDaysAhead);
  await openDay(page, date);
  const [newYorkFirst] = await timesShown(page);
  const instant = instantOf(date, newYorkFirst, VISITOR_ZONE);

  await page.getByRole("button", { name: "Change time zone" }).click();
  await page.getByLabel("Show times in this time zone").selectOption(COACH_ZONE);
  await expect(page.getByText(`Times are shown in ${COACH_ZONE}, the time zone you chose.`)).toBeVisible();
  await expect(page.getByText(`Times are now shown in ${COACH_ZONE}.`)).toBeAttached();
  await expect(timesRegion(page).getByRole("button").first()).toHaveAccessibleName(
    new RegExp(`^${wallClock(instant, COACH_ZONE).time} to \\d\\d:\\d\\d, .*, ${COACH_ZONE}$`),
  );
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page.getByText(`Times are shown in ${COACH_ZONE}, the time zone you chose.`)).toBeVisible();
});

test("a device that reports the old name Asia/Calcutta is shown times in Asia/Kolkata, and the list offers Kolkata and Kyiv with their offsets", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "Asia/Kolkata", locale: "en-IN" });
  const page = await context.newPage();
  try {
    // Chromium's ICU reports a Kolkata device as "Asia/Calcutta"; the page must not echo that.
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toMatch(/^Asia\/(Calcutta|Kolkata)$/);
    await page.goto("/book/intro-call");
    await expect(page.getByText("Times are shown in Asia/Kolkata, the time zone your device uses.")).toBeVisible();
    await page.getByRole("button", { name: "Change time zone" }).click();
    const zones = page.getByLabel("Show times in this time zone");
    await expect(zones).toHaveValue("Asia/Kolkata");
    const values = await zones.locator("option").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(values).toEqual(expect.arrayContaining(["Asia/Kolkata", "Europe/Kyiv", "Asia/Ho_Chi_Minh"]));
    expect(values.filter((value) => ["Asia/Calcutta", "Europe/Kiev", "Asia/Saigon"].includes(value))).toEqual([]);
    // Each zone says its offset now, so a visitor can find theirs by what their clock says.
    await expect(zones.locator('option[value="Asia/Kolkata"]')).toHaveText("Asia/Kolkata (GMT+5:30)");
    await expect(zones.locator('option[value="UTC"]')).toHaveText(/^UTC \(GMT(\+0)?\)$/);
  } finally {
    await context.close();
  }
});
