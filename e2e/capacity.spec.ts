import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";

test("an exec plans capacity: the prediction updates as they type and flags an understaffed shift", async ({ page }) => {
  await signInAs(page, "exec@arbiter.demo", "/dashboards");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Capacity planner" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Capacity planner" })).toBeVisible();
  await page.getByLabel("Leads per hour").fill("200");
  await page.getByLabel("Average handling minutes").fill("3");
  await page.getByLabel("Reps on shift").fill("11");
  await page.getByLabel("SLA target (minutes)").fill("1");
  await expect(page.getByTestId("agents-for-target")).toHaveText(/^\d+$/);
  await expect(page.getByText("This plan misses its SLA target")).toBeVisible();
  await page.getByLabel("Reps on shift").fill("4");
  await expect(page.getByText("Not achievable")).toBeVisible();
  await page.getByLabel("Reps on shift").fill("0");
  await expect(page.getByText("At least 1 rep must be on shift")).toBeVisible();
});
