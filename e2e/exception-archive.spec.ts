import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";

test("the deal desk filters the archive and finds the drift section in analytics", async ({ page }) => {
  await signInAs(page, "dealdesk@arbiter.demo", "/approvals");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exception archive" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Exception archive" })).toBeVisible();
  const filters = page.getByRole("form", { name: "Filter the archive" });
  await filters.getByLabel("Type").selectOption("DISCOUNT");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/type=DISCOUNT/);
  const table = page.getByRole("table", { name: "Exception requests" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  const types = await table.locator("tbody tr td:first-child a").allTextContents();
  expect(types.length).toBeGreaterThan(0);
  expect(new Set(types)).toEqual(new Set(["Discount"]));
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", /\/exceptions\/export\?.*type=DISCOUNT/);

  await page.getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Exception analytics" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Policy drift" })).toBeVisible();
  // Stage times come from the steps' stored decision times: the seeded decisions show up.
  const stages = page.getByRole("table", { name: "Median and p90 time to decision per approver role" });
  await expect(stages.locator("tbody tr").first()).toBeVisible();
  await expect(stages.locator("tbody tr").first().locator("td").nth(2)).toHaveText(/^\d+\.\d h$/);
});

test("a rep is refused the archive, its analytics and the export", async ({ page }) => {
  await signInAs(page, "rep@arbiter.demo", "/leads");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exception archive" })).toHaveCount(0);
  await page.goto("/exceptions");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await page.goto("/exceptions/analytics");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  expect((await page.request.get("/exceptions/export")).status()).toBe(403);
});
