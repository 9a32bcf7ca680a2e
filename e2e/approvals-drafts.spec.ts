import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support/demo";

// A rep saves an unfinished request with an evidence file, comes back to it, submits it, and
// the file downloads from the request page. rep2@ (not rep@), so the journey in
// approvals.spec.ts never picks the same deal.

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

async function openRequestForm(page: Page): Promise<{ name: string; href: string }> {
  await page.goto("/opportunities");
  const links = page.getByRole("link", { name: /^Request exception: / });
  const count = await links.count();
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const name = (await link.getAttribute("aria-label"))!.replace("Request exception: ", "");
    const href = (await link.getAttribute("href"))!;
    await page.goto(href);
    if (await page.getByRole("form", { name: "Request exception" }).isVisible()) return { name, href };
    await page.goto("/opportunities");
  }
  throw new Error("No open opportunity without a request in progress");
}

test("a rep saves a draft with a file, comes back to it, submits it, and downloads the file from the request page", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAs(page, "rep2@arbiter.demo", "/leads");
  const { name, href } = await openRequestForm(page);
  const form = page.getByRole("form", { name: "Request exception" });
  await form.getByLabel("Discount %").fill("27");
  await form.getByLabel("Justification").fill("Waiting for the final seat count");

  // A refused file says why; an accepted one is listed.
  await form.getByLabel("Evidence files").setInputFiles({ name: "tool.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ\x90\x00") });
  await expect(form.getByRole("alert").filter({ hasText: "only pdf, png, jpg, docx, xlsx, csv, txt files are accepted" })).toBeVisible();
  await form.getByLabel("Evidence files").setInputFiles({ name: "competitor-quote.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(form.getByRole("list", { name: "Attached files" })).toContainText("competitor-quote.pdf");

  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form.getByRole("status").filter({ hasText: /Draft saved at/ })).toBeVisible();

  // Later: the form gives the draft back.
  await page.goto("/requests");
  await page.goto(href);
  const again = page.getByRole("form", { name: "Request exception" });
  await expect(again.getByRole("status").filter({ hasText: /Draft restored/ })).toBeVisible();
  await expect(again.getByLabel("Discount %")).toHaveValue("27");
  await expect(again.getByLabel("Justification")).toHaveValue("Waiting for the final seat count");
  await expect(again.getByRole("list", { name: "Attached files" })).toContainText("competitor-quote.pdf");

  await again.getByLabel("Justification").fill("Final seat count is 240; the customer signs this quarter");
  await again.getByLabel("Impacted KPI").fill("Win rate");
  await again.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests$/);

  await page.getByRole("listitem", { name }).first().getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const file = page.getByRole("link", { name: "competitor-quote.pdf" });
  await expect(file).toBeVisible();
  const response = await page.request.get((await file.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toContain('attachment; filename="competitor-quote.pdf"');
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(Buffer.from(await response.body()).equals(PDF)).toBe(true);
});
