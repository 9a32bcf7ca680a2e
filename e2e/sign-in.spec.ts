import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_ROLES, signIn, signInAs } from "./support/demo";

test.describe("signing in", () => {
  for (const demo of DEMO_ROLES) {
    test(`${demo.email} lands on the ${demo.role} home`, async ({ page }) => {
      await signInAs(page, demo.email, demo.home);
      await expect(page.getByRole("heading", { level: 1, name: demo.heading })).toBeVisible();
      await expect(page.getByRole("complementary").getByText(demo.role, { exact: true })).toBeVisible();
    });
  }

  test("a wrong password shows an error and stays on the sign-in page", async ({ page }) => {
    await signIn(page, "rep2@arbiter.demo", "not-the-password");
    await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("an unknown e-mail gets the same answer as a wrong password", async ({ page }) => {
    await signIn(page, "nobody@arbiter.demo", "whatever-password");
    await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
  });

  test("empty fields are flagged inline before anything is sent", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your e-mail")).toBeVisible();
    await expect(page.getByText("Enter your password")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("signing out ends the session", async ({ page }) => {
    await signInAs(page, "exec@arbiter.demo", "/dashboards");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/dashboards");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the sign-in page and a home page have no serious accessibility violations", async ({ page }) => {
    await page.goto("/login");
    const login = await new AxeBuilder({ page }).analyze();
    expect(login.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await signInAs(page, "rep@arbiter.demo", "/leads");
    const leads = await new AxeBuilder({ page }).analyze();
    expect(leads.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });

  test("health reports the database and a running worker", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { ok: true }, worker: { ok: true } });
  });
});
