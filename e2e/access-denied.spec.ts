import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { serverActionId } from "./support/server-actions";

test.describe("a rep is refused what only admins may do", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "rep@arbiter.demo", "/leads");
  });

  test("does not see the admin navigation", async ({ page }) => {
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  });

  test("opening the users page shows access denied and no user data", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByText("admin@arbiter.demo")).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Add a user" })).toHaveCount(0);
  });

  test("calling the create-user server action directly is refused and creates nobody", async ({ page, browser }) => {
    const email = `intruder-${Date.now()}@arbiter.demo`;
    const response = await page.request.post("/admin/users", {
      headers: { "Next-Action": serverActionId("app/(app)/admin/users/actions.ts", "createUserAction"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
      data: JSON.stringify([{ email, name: "Intruder", role: "ADMIN", timezone: "UTC", password: "a-long-enough-password" }]),
    });
    const body = await response.text();
    expect(body).toContain('"code":"FORBIDDEN"');
    expect(body).not.toContain(email);

    // An admin confirms nobody was created.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signInAs(admin, "admin@arbiter.demo", "/admin/users");
    await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await expect(admin.getByText("0–0 of 0")).toBeVisible();
    await adminContext.close();
  });

  test("calling the publish-policy action directly is refused", async ({ page }) => {
    const response = await page.request.post("/policies/approval", {
      headers: { "Next-Action": serverActionId("app/(app)/policies/actions.ts", "publishPolicyAction"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
      data: JSON.stringify([{ versionId: "00000000-0000-4000-8000-000000000000", changeNote: "sneaky change", kpi: "SPEED" }]),
    });
    expect(await response.text()).toContain('"code":"FORBIDDEN"');
  });
});

test("a signed-out visitor is sent to sign in, and an action call with a forged session cookie is refused", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fusers/);
  const response = await page.request.post("/admin/users", {
    headers: {
      "Next-Action": serverActionId("app/(app)/admin/users/actions.ts", "createUserAction"),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Cookie: "authjs.session-token=forged-token",
    },
    data: JSON.stringify([{ email: "anon@arbiter.demo", name: "Anon", role: "ADMIN", timezone: "UTC", password: "a-long-enough-password" }]),
  });
  expect(await response.text()).toContain('"code":"UNAUTHENTICATED"');
});

test("finance is refused lead lists and sees no publish controls on policies", async ({ page }) => {
  await signInAs(page, "finance@arbiter.demo", "/approvals");
  await page.goto("/leads");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await page.goto("/policies/approval");
  await expect(page.getByRole("heading", { level: 1, name: "Approval tiers" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
});
