import { expect, test } from "@playwright/test";
import { signIn, signInAs } from "./support/demo";

test("an admin adds a user with inline validation, the user signs in, and deactivation ends their session at once", async ({ page, browser }) => {
  await signInAs(page, "admin@arbiter.demo", "/admin/users");
  const form = page.getByRole("form", { name: "Add a user" });

  // Inline validation before anything is sent.
  await form.getByLabel("E-mail").fill("not-an-email");
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText("Enter a valid e-mail address")).toBeVisible();
  await expect(form.getByText("Use at least 12 characters")).toBeVisible();
  await expect(form.getByText("Enter the person's name")).toBeVisible();

  const email = `new.rep.${Date.now()}@arbiter.demo`;
  await form.getByLabel("Name").fill("Nora Newhire");
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Role").selectOption("REP");
  await form.getByLabel("Timezone").fill("Europe/Berlin");
  await form.getByLabel("Initial password").fill("a-good-long-password");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toContainText("Nora Newhire can now sign in");

  // A duplicate e-mail is refused with a clear message.
  await form.getByLabel("Name").fill("Nora Again");
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Initial password").fill("a-good-long-password");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "already exists" })).toBeVisible();

  // The new rep signs in in another browser.
  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  await signIn(rep, email, "a-good-long-password");
  await expect(rep).toHaveURL(/\/leads$/);

  // The admin deactivates her; her next request is bounced to sign-in.
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("button", { name: "Deactivate Nora Newhire" }).click();
  await expect(page.getByRole("button", { name: "Reactivate Nora Newhire" })).toBeVisible();
  await rep.goto("/leads");
  await expect(rep).toHaveURL(/\/login/);
  await signIn(rep, email, "a-good-long-password");
  await expect(rep.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
  await repContext.close();
});
