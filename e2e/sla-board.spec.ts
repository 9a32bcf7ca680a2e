import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { serverActionId } from "./support/server-actions";

// The test server gives rep@arbiter.demo one long-overdue, escalated first-touch clock and one
// in time (e2e/support/sla-fixtures.ts).

test("a manager opens the SLA board and finds the overdue clock at the top, escalated, with its history", async ({ page }) => {
  await signInAs(page, "manager@arbiter.demo", "/approvals");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "SLA board" }).click();
  await expect(page).toHaveURL(/\/sla$/);
  await expect(page.getByRole("heading", { level: 1, name: "SLA board" })).toBeVisible();

  const table = page.getByRole("table", { name: "Open SLA clocks, most urgent first" });
  const firstRow = table.getByRole("row").nth(1);
  // 400 calendar days overdue, counted in the rep's business hours (never 24-hour days).
  await expect(firstRow.getByText(/^Overdue by [\d,]+ h/)).toBeVisible();
  await expect(firstRow.getByText("Level 1")).toBeVisible();
  await expect(firstRow).toContainText((await page.getByTestId("current-user").textContent())!.trim());
  await expect(page.getByTestId("sla-history")).toContainText("Escalated to level 1");

  // Filters are a plain GET form: choose "Breached" and apply it with the keyboard.
  await page.getByLabel("Status").selectOption("BREACHED");
  await page.getByRole("form", { name: "Filter SLA clocks" }).getByRole("button", { name: "Apply" }).press("Enter");
  await expect(page).toHaveURL(/status=BREACHED/);
  await expect(table.getByRole("row")).toHaveCount(2);

  await firstRow.getByRole("link", { name: /Clock history/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lead first touch clock" })).toBeVisible();
  await expect(page.getByText("Escalated to level 1")).toBeVisible();
});

test("a rep cannot open the calendar editor nor save calendars through its action", async ({ page }) => {
  await signInAs(page, "rep@arbiter.demo", "/leads");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My SLA clocks" })).toBeVisible();
  await page.goto("/sla/calendars");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByRole("form", { name: "SLA calendars" })).toHaveCount(0);

  const response = await page.request.post("/sla/calendars", {
    headers: { "Next-Action": serverActionId("app/(app)/sla/calendars/actions.ts", "saveSlaCalendarsAction"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify([{ calendars: [], defaultCalendarId: "x", baseVersionId: "00000000-0000-4000-8000-000000000000" }]),
  });
  expect(await response.text()).toContain('"code":"FORBIDDEN"');
});

test("RevOps adds a country's public holidays to a calendar and saves them into a draft", async ({ page }) => {
  await signInAs(page, "revops@arbiter.demo", "/policies");
  await page.goto("/sla/calendars");
  const form = page.getByRole("form", { name: "SLA calendars" });
  await expect(form).toBeVisible();
  const firstCalendar = form.locator("fieldset").first();
  await firstCalendar.getByLabel("Country").selectOption("DE");
  await firstCalendar.getByLabel("Year").fill("2031");
  await firstCalendar.getByRole("button", { name: "Add public holidays" }).click();
  await expect(firstCalendar.getByText(/Added \d+ public holidays? for Germany 2031/)).toBeVisible();
  await expect(firstCalendar.getByRole("button", { name: "Remove holiday 2031-10-03" })).toBeVisible();

  // Inline validation: a broken time zone is reported beside the field and blocks saving.
  await firstCalendar.getByLabel("Time zone").fill("Mars/Olympus");
  await firstCalendar.getByLabel("Time zone").blur();
  await expect(firstCalendar.getByText(/is not an IANA time zone/)).toBeVisible();
  await firstCalendar.getByLabel("Time zone").fill("UTC");

  await page.getByRole("button", { name: "Save to draft" }).click();
  await expect(page.getByText(/Saved (as new draft|into draft) version \d+/)).toBeVisible();
});
