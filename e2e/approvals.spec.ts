import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAs } from "./support/demo";

// The approval chain's roles, as the preview names them, and the demo log-in who holds each.
const APPROVER_LOGINS: Record<string, { email: string; home: string }> = {
  "Sales manager": { email: "manager@arbiter.demo", home: "/approvals" },
  "VP Sales": { email: "vp@arbiter.demo", home: "/approvals" },
  "Deal desk": { email: "dealdesk@arbiter.demo", home: "/approvals" },
  Finance: { email: "finance@arbiter.demo", home: "/approvals" },
  Legal: { email: "legal@arbiter.demo", home: "/approvals" },
};

/** Opens the first of the rep's open deals that has no request in progress. */
async function openRequestForm(page: Page): Promise<string> {
  await page.goto("/opportunities");
  const links = page.getByRole("link", { name: /^Request exception: / });
  const count = await links.count();
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const name = (await link.getAttribute("aria-label"))!.replace("Request exception: ", "");
    const href = (await link.getAttribute("href"))!;
    await page.goto(href);
    if (await page.getByRole("form", { name: "Request exception" }).isVisible()) return name;
    await page.goto("/opportunities");
  }
  throw new Error("No open opportunity without a request in progress");
}

/** A sales manager of another team than the demo rep's (NA Mid-Market), from the admin's user list. */
async function otherTeamManager(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, "admin@arbiter.demo", "/admin/users");
  await page.goto("/admin/users?sort=role&dir=asc");
  const row = page.getByRole("row").filter({ hasText: "Sales manager" }).filter({ hasNotText: "NA Mid-Market" }).first();
  const email = (await row.getByText(/@arbiter\.demo$/).first().innerText()).trim();
  await context.close();
  return email;
}

async function approveAs(browser: Browser, role: string, opportunity: string) {
  const who = APPROVER_LOGINS[role]!;
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, who.email, who.home);
  const forms = page.getByRole("form", { name: `Decide: ${opportunity}` });
  await expect(forms.first()).toBeVisible();
  const before = await forms.count();
  const form = forms.first();
  await form.getByRole("radio", { name: "Approve" }).check();
  await form.getByRole("button", { name: "Submit decision" }).click();
  // Decided: the step leaves this approver's queue.
  await expect(forms).toHaveCount(before - 1);
  await context.close();
}

test("a rep requests 27%: manager then VP approve in their queues, another team's manager cannot see it, the rep sees Approved with the full timeline", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInAs(page, "rep@arbiter.demo", "/leads");
  const opportunity = await openRequestForm(page);
  const form = page.getByRole("form", { name: "Request exception" });
  await form.getByLabel("Discount %").fill("27");
  // The deal may hold a saved draft (the demo seed has one); start from an empty justification.
  await form.getByLabel("Justification").fill("");
  const chain = form.getByRole("region", { name: "Approval chain" });
  await expect(chain).toContainText("VP Sales");
  await expect(chain).toContainText(/27%.*20%/);

  await form.getByRole("button", { name: "Submit request" }).click();
  await expect(form.getByText(/Explain why the deal needs this/)).toBeVisible();
  await form.getByLabel("Justification").fill("Displacing the incumbent; the customer signs this quarter");
  await form.getByLabel("Impacted KPI").fill("Win rate");
  await form.getByLabel("Evidence links").fill("https://crm.example.com/notes/42");
  const stages = (await chain.getByRole("listitem").allInnerTexts()).filter((t) => t.includes("SLA")).map((t) => t.split(" · ")[0]!.split(" + ").map((r) => r.trim()));
  // Cumulative tiers: the manager first, then the VP (then finance + legal on a $25K+ deal).
  expect(stages.slice(0, 2)).toEqual([["Sales manager"], ["VP Sales"]]);
  await form.getByRole("button", { name: "Submit request" }).click();

  await expect(page).toHaveURL(/\/requests$/);
  const mine = page.getByRole("listitem", { name: opportunity }).first();
  await expect(mine).toContainText("Pending");
  const requestPath = (await mine.getByRole("link", { name: opportunity }).getAttribute("href"))!;
  expect(requestPath).toMatch(/^\/requests\/[0-9a-f-]{36}$/);

  // A manager of another team: nothing in their queue, and the request page is a 404.
  const outsiderEmail = await otherTeamManager(browser);
  const outsiderContext = await browser.newContext();
  const outsider = await outsiderContext.newPage();
  await signInAs(outsider, outsiderEmail, "/approvals");
  await expect(outsider.getByRole("heading", { name: "Approvals queue" })).toBeVisible();
  await expect(outsider.getByRole("form", { name: `Decide: ${opportunity}` })).toHaveCount(0);
  const response = await outsider.goto(requestPath);
  expect(response?.status()).toBe(404);
  await expect(outsider.getByText(opportunity)).toHaveCount(0);
  await outsiderContext.close();

  for (const stage of stages) for (const role of stage) await approveAs(browser, role, opportunity);

  await page.reload();
  await expect(page.getByRole("listitem", { name: opportunity }).first()).toContainText("Approved");
  await page.goto(requestPath);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(opportunity);
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByRole("listitem").first()).toContainText("submitted the request");
  await expect(timeline).toContainText("Jordan Lee approved stage 1 (sales manager)");
  await expect(timeline).toContainText("Alex Rivera approved stage 2 (VP Sales)");
  await expect(timeline).toContainText("The request is now approved.");
  const chainTable = page.getByRole("table", { name: "Approval chain" });
  await expect(chainTable.getByRole("row").filter({ hasText: "Jordan Lee" }).first()).toContainText("Approved");
});

test("a rep cannot open the approvals queue", async ({ page }) => {
  await signInAs(page, "rep@arbiter.demo", "/leads");
  await page.goto("/approvals");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByRole("form", { name: /^Decide:/ })).toHaveCount(0);
});
