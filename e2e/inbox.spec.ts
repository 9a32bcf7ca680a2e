import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";

test("a rep opens the inbox from the navigation and sees it is empty with what to expect", async ({ page }) => {
  await signInAs(page, "rep2@arbiter.demo", "/leads");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Inbox/ }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(page.getByText("You're all caught up")).toBeVisible();
});
