import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";

test.describe("the decision log page", () => {
  test("RevOps verifies the chain and sees where its anchors go", async ({ page }) => {
    await signInAs(page, "revops@arbiter.demo", "/policies");
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Decision log", level: 1 })).toBeVisible();
    const anchors = page.getByRole("region", { name: "Anchors outside the database" });
    await expect(anchors).toBeVisible();
    await expect(anchors.getByText(/verify-log --anchors FILE/)).toBeVisible();
    await page.getByRole("button", { name: "Verify the chain" }).click();
    await expect(page.getByText(/^Chain intact: [\d,]+ entries verified\.$/)).toBeVisible();
  });

  test("an executive reads the log but neither verifies it nor sees the anchors", async ({ page }) => {
    await signInAs(page, "exec@arbiter.demo", "/dashboards");
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Decision log", level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Anchors outside the database" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Verify the chain" })).toHaveCount(0);
  });
});
