import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support/demo";
import { waitForMail } from "./support/mail";

// Both tests submit as the demo rep; one after the other so they never pick the same deal.
test.describe.configure({ mode: "serial" });

/** The rep asks for 27% on one of their open deals (the chain includes the VP); returns the deal's name. */
async function requestTwentySevenPercent(page: Page): Promise<string> {
  await signInAs(page, "rep@arbiter.demo", "/leads");
  await page.goto("/opportunities");
  const links = page.getByRole("link", { name: /^Request exception: / });
  const count = await links.count();
  for (let i = count - 1; i >= 0; i--) {
    const link = links.nth(i);
    const name = (await link.getAttribute("aria-label"))!.replace("Request exception: ", "");
    await page.goto((await link.getAttribute("href"))!);
    const form = page.getByRole("form", { name: "Request exception" });
    if (!(await form.isVisible())) {
      await page.goto("/opportunities");
      continue;
    }
    await form.getByLabel("Discount %").fill("27");
    await expect(form.getByRole("region", { name: "Approval chain" })).toContainText("VP Sales");
    await form.getByLabel("Justification").fill("Displacing the incumbent; the customer signs this quarter");
    await form.getByLabel("Impacted KPI").fill("Win rate");
    await form.getByLabel("Evidence links").fill("https://crm.example.com/notes/7");
    await form.getByRole("button", { name: "Submit request" }).click();
    await expect(page).toHaveURL(/\/requests$/);
    return name;
  }
  throw new Error("No open opportunity without a request in progress");
}

test("the approver gets the approval-needed e-mail, approves through its link after confirming, and the link then refuses", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const opportunity = await requestTwentySevenPercent(page);
  const subject = new RegExp(`^Approval needed: ${opportunity.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  // Whoever the policy puts first (it depends on the deal's size) gets the mail.
  const mail = await waitForMail(null, subject);
  const approve = /Approve: (\S+)/.exec(mail.text)?.[1];
  const reject = /Reject \(you will be asked for a reason\): (\S+)/.exec(mail.text)?.[1];
  expect(approve).toMatch(/\/act\//);
  expect(reject).toMatch(/\/act\//);

  // The approver is not signed in: the link itself is the credential. Opening it decides nothing.
  const context = await browser.newContext();
  const vp = await context.newPage();
  await vp.goto(approve!);
  await expect(vp.getByRole("heading", { name: `Approve: ${opportunity}` })).toBeVisible();
  const summary = vp.getByRole("region", { name: "Request summary" });
  await expect(summary).toContainText("Discount of 27%");
  await expect(summary).toContainText("Displacing the incumbent");
  await vp.reload();
  const form = vp.getByRole("form", { name: `Approve: ${opportunity}` });
  await form.getByRole("button", { name: "Confirm approval" }).click();
  await expect(vp.getByRole("status").filter({ hasText: "Approved." })).toBeVisible();

  // Single use: the same link now refuses, and the reject link names who decided.
  await vp.goto(approve!);
  await expect(vp.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  await expect(vp.getByRole("alert").filter({ hasText: "already used" })).toBeVisible();
  await vp.goto(reject!);
  await expect(vp.getByRole("status").filter({ hasText: "Nothing to decide" })).toContainText(/already decided by .+ at /);
  await expect(vp.getByRole("button", { name: "Confirm rejection" })).toHaveCount(0);
  await context.close();
});

test("a reject link needs a reason before it decides anything", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const opportunity = await requestTwentySevenPercent(page);
  const subject = new RegExp(`^Approval needed: ${opportunity.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  const mail = await waitForMail(null, subject);
  const reject = /Reject \(you will be asked for a reason\): (\S+)/.exec(mail.text)![1]!;

  const context = await browser.newContext();
  const vp = await context.newPage();
  await vp.goto(reject);
  const form = vp.getByRole("form", { name: `Reject: ${opportunity}` });
  await form.getByRole("button", { name: "Confirm rejection" }).click();
  await expect(form.getByText("A rejection needs a reason")).toBeVisible();
  await form.getByLabel("Reason (required)").fill("Margin too thin for this segment");
  await form.getByRole("button", { name: "Confirm rejection" }).click();
  await expect(vp.getByRole("status").filter({ hasText: "Rejected." })).toBeVisible();
  await context.close();

  await page.reload();
  await expect(page.getByRole("listitem", { name: opportunity }).first()).toContainText("Rejected");
});
