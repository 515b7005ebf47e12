import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signInByEmail } from "./support/shop";
import { COACH_EMAIL } from "./support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { dragAcrossCalendar } from "./support/calendar-drag";

// The coach shapes her availability in the back office, through the plain accessible forms and
// through the FullCalendar week view, and each change shows at once in the public GET
// /api/availability. The browser runs in another zone than the coach (Europe/London) to prove the
// calendar does not depend on it. Everything this file adds is removed again at the end, because
// booking.spec.ts expects the seeded weekly hours.

const COACH_ZONE = "Europe/London";
const SLUG = "walk-and-talk-e2e";

test.use({ timezoneId: "America/Los_Angeles" });
test.describe.configure({ mode: "serial" });

// ---- dates and instants, with Intl only (independent of the app's helpers) ----

function londonDate(instant: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: COACH_ZONE, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function isoWeekday(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

/** The instant a London clock shows `time` on `date` (a time that happens once). */
function londonInstant(date: string, time: string): string {
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offset = (instant: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat("en-US", { timeZone: COACH_ZONE, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
        .formatToParts(instant)
        .map((part) => [part.type, part.value]),
    );
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute) - instant;
  };
  let instant = asUtc - offset(asUtc);
  instant = asUtc - offset(instant);
  return new Date(instant).toISOString();
}

function fullDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" })
      .formatToParts(Date.UTC(year, month - 1, day, 12))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

// A Saturday (no seeded hours) at least two weeks ahead, and the Monday of its week.
const today = londonDate(Date.now());
let saturday = addDays(today, 14);
while (isoWeekday(saturday) !== 6) saturday = addDays(saturday, 1);
const monday = addDays(saturday, -5);
const sunday = addDays(saturday, 1);

async function slotsOn(request: APIRequestContext, date: string, slug = SLUG) {
  const response = await request.get(`/api/availability?sessionType=${slug}&from=${date}&to=${date}&timeZone=${COACH_ZONE}`);
  return { status: response.status(), body: (await response.json()) as { days: Array<{ date: string; slots: Array<{ start: string }> }> } };
}

async function expectSlots(request: APIRequestContext, date: string, times: string[]) {
  await expect
    .poll(async () => {
      const { status, body } = await slotsOn(request, date);
      return status === 200 ? body.days.flatMap((day) => day.slots.map((slot) => slot.start)) : [`HTTP ${status}`];
    })
    .toEqual(times.map((time) => londonInstant(date, time)));
}

let page: Page;

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "America/Los_Angeles", viewport: { width: 1280, height: 1000 } });
  page = await context.newPage();
  await signInByEmail(page, COACH_EMAIL, "/admin");
});

// Best effort, in case a test failed half-way: leave the seeded hours as booking.spec.ts expects.
test.afterAll(async () => {
  if (!page) return;
  try {
    await openAvailability();
    const removers = [
      page.getByRole("button", { name: /^Remove time off from/ }),
      page.getByRole("button", { name: /^Remove the change on/ }),
      weekdayForm("Saturday").getByRole("button", { name: /^Remove / }),
    ];
    for (const remover of removers) {
      for (let count = await remover.count(); count > 0; count = await remover.count()) {
        await remover.first().click();
        await expect(remover).toHaveCount(count - 1);
      }
    }
    await page.goto("/admin/session-types");
    const row = page.getByRole("row", { name: /Walk and talk/ });
    if ((await row.count()) && /Offered/.test((await row.innerText()).replace("Not offered", ""))) {
      await row.getByRole("link").click();
      await page.getByLabel("Offer this session on the booking pages").uncheck();
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    }
  } finally {
    await page.context().close();
  }
});

/** The page is interactive once the client-only calendar has rendered its grid. */
async function openAvailability(week?: string) {
  await page.goto(week ? `/admin/availability?week=${week}` : "/admin/availability");
  await expect(page.getByTestId("availability-calendar").getByRole("cell").first()).toBeVisible();
}

const calendarDay = (date: string) => page.getByTestId("availability-calendar").locator(`[role=cell][data-date="${date}"]`);
const weekdayForm = (name: string) => page.locator("form", { has: page.getByRole("group", { name }) });

test("the admin nav leads to availability, session types and bookings, all free of axe violations", async ({ request }) => {
  const nav = page.getByRole("navigation", { name: "Admin" });
  for (const [name, path, heading] of [
    ["Bookings", "/admin/bookings", "Bookings"],
    ["Session types", "/admin/session-types", "Session types"],
    ["Availability", "/admin/availability", "Availability"],
  ] as const) {
    await nav.getByRole("link", { name }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole("link", { name })).toHaveAttribute("aria-current", "page");
    if (path === "/admin/availability") await expect(page.getByTestId("availability-calendar").getByRole("cell").first()).toBeVisible();
    await expectNoAxeViolations(page);
  }
  // Signed out, the pages and their data are not reachable.
  const anonymous = await request.get("/admin/availability", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(307);
});

test("moving between weeks redraws the calendar on the week the heading names", async () => {
  await openAvailability();
  const thisMonday = await page.getByTestId("availability-calendar").locator("[role=cell][data-date]").first().getAttribute("data-date");
  await expect(page.getByRole("heading", { name: `Week of ${fullDate(thisMonday!)}` })).toBeVisible();
  const nextMonday = addDays(thisMonday!, 7);
  const weeks = page.getByRole("navigation", { name: "Weeks" });
  await weeks.getByRole("link", { name: /Next week/ }).click();
  await expect(page).toHaveURL(new RegExp(`week=${nextMonday}$`));
  await expect(page.getByRole("heading", { name: `Week of ${fullDate(nextMonday)}` })).toBeVisible();
  await expect(calendarDay(nextMonday)).toBeVisible();
  await expect(calendarDay(thisMonday!)).toHaveCount(0);
  await weeks.getByRole("link", { name: /Previous week/ }).click();
  await expect(calendarDay(thisMonday!)).toBeVisible();
  await expect(calendarDay(nextMonday)).toHaveCount(0);
});

test("the coach creates a session type, and a taken web address is explained next to the field", async ({ request }) => {
  await page.goto("/admin/session-types/new");
  await expect(page.getByRole("heading", { level: 1, name: "New session type" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add a question" })).toBeEnabled();
  await expectNoAxeViolations(page);
  await page.getByLabel("Title").fill("Walk and talk");
  await page.getByLabel("Web address").fill("intro-call");
  await page.getByLabel("Description").fill("Thirty minutes on the phone while you walk.");
  await page.getByLabel("Length").fill("30");
  await page.getByLabel("Hours", { exact: true }).fill("0");
  await page.getByLabel("Bookable up to").fill("365");
  await page.getByRole("textbox", { name: "Price" }).fill("0");
  await page.getByRole("button", { name: "Add a question" }).click();
  await page.getByLabel("Question", { exact: true }).fill("Where will you walk?");
  await page.getByLabel("Kind of answer").selectOption("choice");
  await page.getByLabel("Options, one per line").fill("A park\nBy the sea");
  await page.getByRole("button", { name: "Create session type" }).click();

  const slug = page.getByLabel("Web address");
  await expect(slug).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("“intro-call” is already used by another session type. Choose a different web address.")).toBeVisible();
  // Everything typed is still there.
  await expect(page.getByLabel("Title")).toHaveValue("Walk and talk");
  await expect(page.getByLabel("Options, one per line")).toHaveValue("A park\nBy the sea");
  await expectNoAxeViolations(page);

  await slug.fill(SLUG);
  await page.getByRole("button", { name: "Create session type" }).click();
  await expect(page).toHaveURL(/\/admin\/session-types\/[^/?]+\?created=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Created." })).toContainText(`/book/${SLUG}`);
  await expect(page.getByLabel("Question", { exact: true })).toHaveValue("Where will you walk?");
  await expectNoAxeViolations(page);

  await page.goto("/admin/session-types");
  const row = page.getByRole("row", { name: /Walk and talk/ });
  await expect(row).toContainText("30 minutes");
  await expect(row).toContainText("Free");
  await expect(row).toContainText("Offered");

  // Bookable at once (no hours on Saturdays yet, so no slots), with the type's details.
  const response = await request.get(`/api/availability?sessionType=${SLUG}&from=${saturday}&to=${saturday}&timeZone=${COACH_ZONE}`);
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({
    timeZone: COACH_ZONE,
    sessionType: { slug: SLUG, title: "Walk and talk", durationMinutes: 30, priceCents: 0, currency: "GBP" },
    days: [],
  });
});

test("weekly hours added with the accessible editor show in the calendar and in GET /api/availability", async ({ request }) => {
  await openAvailability(monday);
  await expect(page.getByRole("heading", { name: `Week of ${fullDate(monday)}` })).toBeVisible();
  const saturdayForm = weekdayForm("Saturday");
  await expect(saturdayForm.getByText("No weekly hours on Saturdays.")).toBeVisible();

  // A mistake first: the end before the start is explained next to the field, nothing is saved.
  await saturdayForm.getByLabel("Add from").fill("12:00");
  await saturdayForm.getByLabel("Until (new stretch on Saturdays)").fill("10:00");
  await saturdayForm.getByRole("button", { name: "Save Saturday" }).click();
  await expect(saturdayForm.getByText("The end (10:00) must be later than the start (12:00).")).toBeVisible();
  await expect(saturdayForm.getByLabel("Until (new stretch on Saturdays)")).toHaveAttribute("aria-invalid", "true");
  await expectSlots(request, saturday, []);

  await saturdayForm.getByLabel("Add from").fill("10:00");
  await saturdayForm.getByLabel("Until (new stretch on Saturdays)").fill("12:00");
  await saturdayForm.getByRole("button", { name: "Save Saturday" }).click();
  await expect(saturdayForm.getByRole("status")).toHaveText("Saved: Saturday's hours are 10:00 to 12:00.");
  await expect(saturdayForm.getByLabel("From (Saturday, stretch 1)")).toHaveValue("10:00");

  // The week view shows it on the Saturday, at 10:00 on the coach's clock although the browser is in Los Angeles.
  await expect(calendarDay(saturday).getByRole("button", { name: /10:00–12:00.*Weekly hours/ })).toBeVisible();
  await expectSlots(request, saturday, ["10:00", "10:30", "11:00", "11:30"]);
});

test("a day off and time off close the time for visitors, and the calendar shows both", async ({ request }) => {
  await openAvailability(monday);

  // Day off, with the accessible date form.
  const dateForm = page.locator("form", { has: page.getByRole("button", { name: "Save this date" }) });
  await dateForm.getByLabel("Date", { exact: true }).fill(saturday);
  await dateForm.getByLabel("Closed all day (a day off)").check();
  await dateForm.getByRole("button", { name: "Save this date" }).click();
  await expect(dateForm.getByRole("status")).toHaveText(`Saved: ${fullDate(saturday)} is a day off.`);
  await expect(page.getByRole("list", { name: "Dates coming up" })).toContainText(`${fullDate(saturday)}: day off (closed all day)`);
  await expectSlots(request, saturday, []);
  const toggle = page.getByRole("group", { name: "Days off this week:" }).getByRole("button", { name: new RegExp(fullDate(saturday)) });
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(calendarDay(saturday).getByRole("button", { name: /Weekly hours/ })).toHaveCount(0);

  // Reopened from the calendar's own control: the weekly hours apply again.
  await toggle.click();
  await expect(page.getByRole("status").filter({ hasText: `${fullDate(saturday)} uses your weekly hours again.` })).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expectSlots(request, saturday, ["10:00", "10:30", "11:00", "11:30"]);

  // Time off from 10:30 to 11:30 on the coach's clock.
  const timeOffForm = page.locator("form", { has: page.getByRole("button", { name: "Add time off" }) });
  await timeOffForm.getByLabel("Starts").fill(`${saturday}T10:30`);
  await timeOffForm.getByLabel("Ends").fill(`${saturday}T11:30`);
  await timeOffForm.getByLabel("Note for yourself (optional)").fill("Dentist");
  await timeOffForm.getByRole("button", { name: "Add time off" }).click();
  await expect(timeOffForm.getByRole("status")).toContainText("Time off added. Nobody can book that time now.");
  await expect(page.getByRole("list", { name: "Time off coming up" })).toContainText(
    `Dentist: from ${fullDate(saturday)}, 10:30 (${COACH_ZONE}) to ${fullDate(saturday)}, 11:30 (${COACH_ZONE})`,
  );
  await expect(calendarDay(saturday).getByRole("button", { name: /10:30–11:30.*Time off: Dentist/ })).toBeVisible();
  await expectSlots(request, saturday, ["10:00", "11:30"]);
  await expectNoAxeViolations(page);
});

test("dragging across empty time in the calendar adds hours for one date", async ({ request }) => {
  await openAvailability(monday);
  await dragAcrossCalendar(page, { date: sunday, from: "09:00:00", to: "10:30:00" });

  const dialog = page.getByRole("dialog", { name: "Add this time" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`${fullDate(sunday)}, 09:00 to 11:00 (${COACH_ZONE})`);
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: `Only on ${fullDate(sunday)}, 09:00 to 11:00` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `Saved. ${fullDate(sunday)} now has 09:00 to 11:00.` })).toBeVisible();
  await expect(calendarDay(sunday).getByRole("button", { name: /09:00–11:00.*This date only/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Dates coming up" })).toContainText(`${fullDate(sunday)}: available 09:00 to 11:00`);
  const sundaySlots = await slotsOn(request, sunday);
  expect(sundaySlots.body.days.flatMap((day) => day.slots.map((slot) => slot.start))).toEqual(
    ["09:00", "09:30", "10:00", "10:30"].map((time) => londonInstant(sunday, time)),
  );

  // Selecting the block with the keyboard offers to remove it.
  await calendarDay(sunday).getByRole("button", { name: /09:00–11:00/ }).focus();
  await page.keyboard.press("Enter");
  const remove = page.getByRole("dialog", { name: "Available hours" });
  await expect(remove).toBeVisible();
  await remove.getByRole("button", { name: `Use the usual Sunday hours on ${fullDate(sunday)} again` }).click();
  await expect(remove).toBeHidden();
  await expect(calendarDay(sunday).getByRole("button", { name: /This date only/ })).toHaveCount(0);
  expect((await slotsOn(request, sunday)).body.days).toEqual([]);
});

test("everything added is removed again, and a deactivated session type is no longer bookable", async ({ request }) => {
  await openAvailability(monday);
  await page.getByRole("button", { name: /^Remove time off from/ }).click();
  await expect(page.getByText("No time off planned.")).toBeVisible();

  const saturdayForm = weekdayForm("Saturday");
  await saturdayForm.getByRole("button", { name: "Remove 10:00 to 12:00 on Saturdays" }).click();
  await expect(saturdayForm.getByRole("status")).toHaveText("Saved: no weekly hours on Saturdays.");
  await expect(saturdayForm.getByText("No weekly hours on Saturdays.", { exact: true })).toBeVisible();
  await expectSlots(request, saturday, []);
  await expect(page.getByText("No dates with their own hours. Every date uses your weekly hours.")).toBeVisible();

  await page.goto("/admin/session-types");
  await page.getByRole("link", { name: /Walk and talk/ }).click();
  await page.getByLabel("Offer this session on the booking pages").uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved “Walk and talk”." })).toBeVisible();
  expect((await request.get(`/api/availability?sessionType=${SLUG}&from=${saturday}&to=${saturday}&timeZone=${COACH_ZONE}`)).status()).toBe(404);
  await page.goto("/admin/session-types");
  await expect(page.getByRole("row", { name: /Walk and talk/ })).toContainText("Not offered");
});
