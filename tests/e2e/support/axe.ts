import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** axe finds nothing on the page as it stands once its title is in place. */
export async function expectNoAxeViolations(page: Page) {
  // Right after a server action Next swaps the page's metadata in; axe run in that instant sees a
  // document without a <title>. A person only ever sees the settled page, so wait for it.
  await expect(page).toHaveTitle(/\S/);
  // axe waits forever on a sandbox="" iframe (no script can run in it to answer), so leave those out.
  const results = await new AxeBuilder({ page }).exclude('iframe[sandbox=""]').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}
