import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support/demo";

/** Opens the rep's first MQL from "My leads" filtered by stage, and returns its URL. */
async function openFirstMql(page: Page) {
  await page.goto("/leads");
  const filters = page.getByRole("form", { name: "Filter leads" });
  await filters.getByLabel("Stage").selectOption("MQL");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/stage=MQL/);
  const table = page.getByRole("table", { name: "Leads" });
  await table.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  return page.url();
}

// One test, not two: both steps take "the first MQL", so running them in parallel would race.
test("a rep accepts one MQL and rejects another with a reason code", async ({ page }) => {
  await signInAs(page, "rep@arbiter.demo", "/leads");

  await openFirstMql(page);
  const accept = page.getByRole("form", { name: "MQL decision" });
  await accept.getByRole("button", { name: "Accept MQL" }).click();
  await expect(accept).toBeHidden();
  await expect(page.getByRole("region", { name: "Stage history" })).toContainText("Sql");
  await expect(page.getByRole("region", { name: "Decision timeline" })).toContainText("Lead stage changed");

  const second = await openFirstMql(page);
  const reject = page.getByRole("form", { name: "MQL decision" });
  await reject.getByRole("button", { name: "Reject MQL" }).click();
  await expect(reject.getByText("Choose a reason code to reject an MQL")).toBeVisible();
  await reject.getByLabel("Reject reason").selectOption("NO_BUDGET");
  await reject.getByRole("button", { name: "Reject MQL" }).click();
  await expect(reject).toBeHidden();
  expect(page.url()).toBe(second);
  const history = page.getByRole("region", { name: "Stage history" });
  await expect(history).toContainText("Recycled");
  await expect(history).toContainText("NO_BUDGET");
});
