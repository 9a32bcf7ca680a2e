import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";

test("a rep chooses which notifications reach them by e-mail, and the choice sticks", async ({ page }) => {
  await signInAs(page, "rep2@arbiter.demo", "/leads");
  await page.getByRole("link", { name: "E-mail settings" }).click();
  await expect(page.getByRole("heading", { name: "E-mail notifications" })).toBeVisible();
  const form = page.getByRole("form", { name: "E-mail preferences" });
  // Defaults: assignments at once, SLA warnings in the digest.
  await expect(form.getByRole("radio", { name: "Lead assigned to you: At once" })).toBeChecked();
  await expect(form.getByRole("radio", { name: "SLA warning: Daily digest" })).toBeChecked();
  await expect(form.getByRole("button", { name: "Save preferences" })).toBeDisabled();

  await form.getByRole("radio", { name: "Lead assigned to you: Daily digest" }).check();
  await form.getByRole("radio", { name: "SLA warning: Off" }).check();
  await form.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await page.reload();
  await expect(form.getByRole("radio", { name: "Lead assigned to you: Daily digest" })).toBeChecked();
  await expect(form.getByRole("radio", { name: "SLA warning: Off" })).toBeChecked();
});

test("the settings page needs a session", async ({ page }) => {
  await page.goto("/settings/notifications");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings%2Fnotifications$/);
});
