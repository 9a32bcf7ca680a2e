import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";

test("RevOps edits a clock's warnings and ladder with inline validation and saves it into a draft", async ({ page }) => {
  await signInAs(page, "revops@arbiter.demo", "/policies");
  await page.goto("/sla/calendars");
  await page.getByRole("navigation", { name: "SLA views" }).getByRole("link", { name: "Clock settings" }).click();
  await expect(page).toHaveURL(/\/sla\/clocks-policy$/);
  const form = page.getByRole("form", { name: "SLA clock settings" });
  const firstTouch = form.locator("fieldset").first();
  await expect(firstTouch.getByTestId("clock-0-summary")).toContainText("Warn at 50% and 75%; at breach notify the owner and their manager; 4 h later RevOps");

  // Switching the unit keeps the length: 4 hours reads as 240 minutes.
  await firstTouch.locator("#clock-0-length-unit").selectOption("minutes");
  await expect(firstTouch.getByLabel("Runs for")).toHaveValue("240");
  await expect(firstTouch.getByTestId("clock-0-summary")).toContainText("Runs 4 h of business hours");

  // A warning past 100% is reported beside its input as soon as it is left.
  const warning = firstTouch.getByLabel("Warning 2 (%)");
  await warning.fill("120");
  await warning.blur();
  await expect(firstTouch.getByText("A warning is a percentage below 100 (100% is the breach)")).toBeVisible();
  await warning.fill("80");
  await expect(firstTouch.getByText(/percentage below 100/)).toHaveCount(0);

  // A new fourth level, with the keyboard: tick "Deal desk", two days after the breach.
  await firstTouch.getByRole("button", { name: "Add a level" }).click();
  const level4 = firstTouch.getByRole("listitem").nth(3);
  await level4.getByLabel("Deal desk").press("Space");
  await level4.getByLabel("After the breach").fill("48");
  await expect(firstTouch.getByTestId("clock-0-summary")).toContainText("Warn at 50% and 80%; at breach notify the owner and their manager; 4 h later RevOps; 1 d later the executive; 2 d later the deal desk.");

  await form.getByRole("button", { name: "Save to draft" }).click();
  await expect(page.getByText(/Saved (as new draft|into draft) version \d+/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Review and publish it" })).toHaveAttribute("href", "/policies/sla");
});

test("a rep cannot open the clock settings", async ({ page }) => {
  await signInAs(page, "rep@arbiter.demo", "/leads");
  await page.goto("/sla/clocks-policy");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByRole("form", { name: "SLA clock settings" })).toHaveCount(0);
});
