import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support/demo";

/**
 * The first lead detail link on the leads list (skipping "New lead"), from a row whose owner is
 * not `avoidOwner`: the two tests run in parallel, and the manager must not reassign away the
 * rep's lead the other test is about to open.
 */
async function openFirstLead(page: Page, avoidOwner?: string) {
  await page.goto("/leads");
  const rows = page.locator("main tbody tr");
  const candidates = avoidOwner ? rows.filter({ hasNotText: avoidOwner }) : rows;
  const hrefs = await candidates.locator('a[href^="/leads/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => /^\/leads\/[0-9a-f-]{36}$/.test(h));
  expect(href, "a lead on the list").toBeTruthy();
  await page.goto(href!);
  await expect(page.getByRole("heading", { name: "Decision timeline" })).toBeVisible();
}

/** rep@arbiter.demo, whose lead the second test opens. */
const REP_NAME = "Riley Morgan";

test("a manager reassigns a team lead with a reason and sees it in the decision timeline", async ({ page }) => {
  await signInAs(page, "manager@arbiter.demo", "/approvals");
  await openFirstLead(page, REP_NAME);
  const form = page.getByRole("form", { name: "Reassign lead" });
  await form.getByRole("button", { name: "Reassign" }).click();
  await expect(form.getByText("Choose who takes the lead")).toBeVisible();
  await expect(form.getByText("Say why the lead is reassigned (at least 5 characters)")).toBeVisible();

  const reason = `Covering a rep on leave ${Date.now()}`;
  await form.getByLabel("New owner").selectOption({ index: 1 });
  await form.getByLabel("Reason (logged)").fill(reason);
  await form.getByRole("button", { name: "Reassign" }).click();
  await expect(form.getByText(/^Reassigned to /)).toBeVisible();
  const timeline = page.getByRole("region", { name: "Decision timeline" });
  await expect(timeline).toContainText("Lead reassigned (override)");
  await expect(timeline).toContainText(`Reason: ${reason}`);
});

test("a rep sees no reassign form on their lead", async ({ page }) => {
  await signInAs(page, "rep@arbiter.demo", "/leads");
  await openFirstLead(page);
  await expect(page.getByRole("form", { name: "Reassign lead" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Reassign" })).toHaveCount(0);
});
