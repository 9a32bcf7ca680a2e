import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "arbiter-demo";

/** Each demo log-in, the page it lands on and the heading it shows there. */
export const DEMO_ROLES = [
  { email: "rep@arbiter.demo", role: "Rep (AE/SDR)", home: "/leads", heading: "My leads" },
  { email: "rep2@arbiter.demo", role: "Rep (AE/SDR)", home: "/leads", heading: "My leads" },
  { email: "manager@arbiter.demo", role: "Sales manager", home: "/approvals", heading: "Approvals queue" },
  { email: "vp@arbiter.demo", role: "VP Sales", home: "/approvals", heading: "Approvals queue" },
  { email: "dealdesk@arbiter.demo", role: "Deal desk", home: "/approvals", heading: "Approvals queue" },
  { email: "finance@arbiter.demo", role: "Finance", home: "/approvals", heading: "Approvals queue" },
  { email: "legal@arbiter.demo", role: "Legal", home: "/approvals", heading: "Approvals queue" },
  { email: "revops@arbiter.demo", role: "RevOps", home: "/policies", heading: "Policies" },
  { email: "exec@arbiter.demo", role: "Executive", home: "/dashboards", heading: "Dashboards" },
  { email: "admin@arbiter.demo", role: "Admin", home: "/admin/users", heading: "Users" },
] as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, email: string, home: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(new RegExp(`${home.replaceAll("/", "\\/")}$`));
}
