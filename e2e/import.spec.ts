import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";

test("RevOps imports leads through the wizard: mapping, dry run, background run, summary", async ({ page }) => {
  const tag = Date.now().toString(36);
  const csv = [
    "E-mail,Company Name,Employees,Budget,Notes",
    `wiz.one.${tag}@wizard-co.io,Wizard Co,120,5000,first`,
    `not-an-email,Wizard Co,5,10,bad`,
    `wiz.two.${tag}@wizard-co.io,Wizard Co,"1,200",7500,second`,
  ].join("\n");

  await signInAs(page, "revops@arbiter.demo", "/policies");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Imports" }).click();
  await expect(page.getByRole("heading", { name: "Imports", level: 1 })).toBeVisible();

  const upload = page.getByRole("form", { name: "Upload a CSV file" });
  await upload.getByRole("button", { name: "Upload and suggest a mapping" }).click();
  await expect(upload.getByText("Choose a CSV file")).toBeVisible();

  await upload.getByLabel("The file contains").selectOption("leads");
  await upload.getByLabel("CSV file (UTF-8)").setInputFiles({ name: "wizard.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await upload.getByRole("button", { name: "Upload and suggest a mapping" }).click();

  await expect(page.getByText("wizard.csv")).toBeVisible();
  await expect(page.getByLabel("Import column E-mail as")).toHaveValue("field:email");
  await expect(page.getByLabel("Import column Company Name as")).toHaveValue("field:company");
  await expect(page.getByLabel("Import column Budget as")).toHaveValue("custom");
  await page.getByLabel("Import column Notes as").selectOption("ignore");

  await page.getByLabel("Mapping name").fill(`Wizard leads ${tag}`);
  await page.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByText(`Saved as “Wizard leads ${tag}”`)).toBeVisible();

  await expect(page.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
  await page.getByRole("button", { name: "Dry run" }).click();
  const report = page.getByTestId("dry-run-report");
  await expect(report).toContainText("3 rows: 2 valid, 1 would be refused");
  await expect(report.getByRole("row").filter({ hasText: "Enter a valid e-mail address" })).toContainText("3");
  await expect(report).toContainText("budget (number)");

  await page.getByRole("button", { name: "Import 2 valid rows" }).click();
  const progress = page.getByTestId("import-progress");
  await expect(progress.getByText("Import finished")).toBeVisible({ timeout: 30_000 });
  await expect(progress).toContainText("2 created, 0 updated, 1 refused of 3 rows");
  await expect(progress.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "3");

  const past = page.getByRole("table", { name: "Past imports" });
  await expect(past.getByRole("row").filter({ hasText: "wizard.csv" }).first()).toContainText("Done");
});

test("a Latin-1 file is refused with a clear message", async ({ page }) => {
  await signInAs(page, "revops@arbiter.demo", "/policies");
  await page.goto("/imports");
  const upload = page.getByRole("form", { name: "Upload a CSV file" });
  const latin1 = Buffer.concat([Buffer.from("email,company\nx@mueller.de,M"), Buffer.from([0xfc]), Buffer.from("ller\n")]);
  await upload.getByLabel("CSV file (UTF-8)").setInputFiles({ name: "latin1.csv", mimeType: "text/csv", buffer: latin1 });
  await upload.getByRole("button", { name: "Upload and suggest a mapping" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The file was not accepted" })).toContainText("not UTF-8: line 2");
});

test("a rep cannot open the imports page", async ({ page }) => {
  await signInAs(page, "rep@arbiter.demo", "/leads");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Imports" })).toHaveCount(0);
  await page.goto("/imports");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
});
