import type { Page } from "@playwright/test";

/**
 * Drags down the availability calendar's column for `date` from the `from` row to the end of the
 * `to` row ("09:00:00", "10:30:00"), as a mouse would: FullCalendar only selects after real pointer
 * moves, and the mouse only reaches what is on screen, so the grid is scrolled into view first.
 */
export async function dragAcrossCalendar(page: Page, options: { date: string; from: string; to: string }) {
  const grid = page.getByTestId("availability-calendar");
  await grid.locator(`[data-time="${options.to}"]`).last().scrollIntoViewIfNeeded();
  await grid.evaluate((element) => element.scrollIntoView({ block: "start" }));
  const column = await grid.locator(`[role=cell][data-date="${options.date}"]`).boundingBox();
  const from = await grid.locator(`[data-time="${options.from}"]`).last().boundingBox();
  const to = await grid.locator(`[data-time="${options.to}"]`).last().boundingBox();
  if (!column || !from || !to) throw new Error("calendar grid not laid out");
  const x = column.x + column.width / 2;
  await page.mouse.move(x, from.y + 3);
  await page.mouse.down();
  await page.mouse.move(x, from.y + 20, { steps: 4 });
  await page.mouse.move(x, to.y + to.height - 3, { steps: 10 });
  await page.mouse.up();
}
