import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";

test("a rep creates a lead with inline validation and sees its score breakdown and decisions", async ({ page }) => {
  await signInAs(page, "rep@arbiter.demo", "/leads");
  await page.getByRole("link", { name: "New lead" }).click();
  const form = page.getByRole("form", { name: "New lead" });
  await form.getByRole("button", { name: "Create lead" }).click();
  await expect(form.getByText("A lead needs an e-mail or an externalId")).toBeVisible();

  const email = `vp.buyer.${Date.now()}@northwind-example.com`;
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("First name").fill("Vera");
  await form.getByLabel("Title").fill("VP Engineering");
  await form.getByLabel("Country").fill("Narnia");
  await form.getByRole("button", { name: "Create lead" }).click();
  await expect(form.getByText('Unknown country "Narnia"')).toBeVisible();

  await form.getByLabel("Country").fill("Germany");
  await form.getByLabel("Employees").fill("2500");
  await form.getByRole("button", { name: "Create lead" }).click();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Vera" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Score \d+/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Score breakdown" })).toContainText("Fit");
  const timeline = page.getByRole("region", { name: "Decision timeline" });
  await expect(timeline).toContainText("Lead scored");
  // Each contribution in words, as the breakdown states it (the log keeps it once: ADR 0031).
  await expect(timeline).toContainText("+20 fit · Enterprise (2,000+ employees): employees is at least 2000 (it is 2500)");
  await expect(timeline).toContainText("Self-sourced");

  await page.goto("/leads");
  await page.getByRole("textbox", { name: "Search" }).fill(email);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("link", { name: "Vera" })).toBeVisible();
});

test("finance cannot open the new-lead page", async ({ page }) => {
  await signInAs(page, "finance@arbiter.demo", "/approvals");
  await page.goto("/leads/new");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
});

test("a manager filters the team's leads by owner and score band", async ({ page }) => {
  await signInAs(page, "manager@arbiter.demo", "/approvals");
  await page.goto("/leads");
  const filters = page.getByRole("form", { name: "Filter leads" });
  await filters.getByLabel("Owner").selectOption({ label: "Riley Morgan" });
  await filters.getByLabel("Score").selectOption({ label: "50 to 74" });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/owner=[0-9a-f-]{36}/);
  const rows = page.getByRole("table", { name: "Leads" }).locator("tbody tr");
  const empty = page.getByText("No leads match these filters");
  await expect(rows.first().or(empty)).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row).toContainText("Riley Morgan");
    const score = Number((await row.locator("td").nth(2).innerText()).trim());
    expect(score).toBeGreaterThanOrEqual(50);
    expect(score).toBeLessThan(75);
  }
});
