import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";

test("deal desk moves an opportunity back a stage with a reason and sees it in the stage history", async ({ page }) => {
  await signInAs(page, "dealdesk@arbiter.demo", "/approvals");
  await page.goto("/opportunities?stage=DISCOVERY");
  const hrefs = await page.locator('main a[href^="/opportunities/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => /^\/opportunities\/[0-9a-f-]{36}$/.test(h));
  expect(href, "an opportunity in Discovery").toBeTruthy();
  await page.goto(href!);

  const form = page.getByRole("form", { name: "Move to stage" });
  await form.getByRole("button", { name: "Move" }).click();
  await expect(form.getByText(/^Choose one of QUALIFIED/)).toBeVisible();

  const reason = `Champion left, requalifying ${Date.now()}`;
  await form.getByLabel("Move to stage").selectOption({ label: "Qualified" });
  await form.getByLabel("Reason (optional, logged)").fill(reason);
  await form.getByRole("button", { name: "Move" }).click();
  await expect(form.getByText("Moved to Qualified.")).toBeVisible();
  const history = page.getByRole("region", { name: "Stage history" });
  await expect(history).toContainText("Discovery → Qualified by");
  await expect(history).toContainText(reason);
  await expect(page.getByText(/Counts as stale after/)).toBeVisible();
});
