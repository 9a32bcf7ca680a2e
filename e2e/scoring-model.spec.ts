import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";

// RevOps' whole loop on the scoring model: a draft from the published version, an edit whose
// effect shows in the live sample score, a backtest side by side with the published version,
// publishing with a change note, and the background rescoring running to completion.
test("RevOps edits a scoring draft, backtests it against the published version, publishes it and sees open leads rescored", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, "revops@arbiter.demo", "/policies");
  await page.goto("/policies/scoring");
  const published = page.getByRole("listitem", { name: /^Version \d+$/ }).filter({ hasText: "Published" });
  const publishedName = (await published.getAttribute("aria-label"))!;
  await page.getByRole("button", { name: /^New draft from version \d+$/ }).click();
  await expect(page).toHaveURL(/\/policies\/scoring\/[0-9a-f-]{36}$/);
  const editorUrl = page.url();
  const draftVersion = Number((await page.getByRole("heading", { level: 1 }).textContent())!.match(/v(\d+)/)![1]);

  // A blank sample lead, then a new fit rule: the live score follows every keystroke.
  const sample = page.getByRole("complementary", { name: "Sample lead" });
  await sample.getByLabel("Sample lead").selectOption({ label: "A blank sample (type its fields)" });
  const liveScore = sample.getByTestId("live-score");
  const before = Number(await liveScore.textContent());

  const model = page.getByRole("form", { name: "Scoring model" });
  await model.getByRole("button", { name: "Add fit rule" }).click();
  const rule = model.getByRole("listitem", { name: /^Fit rule \d+$/ }).last();
  await rule.getByLabel(/label$/).fill("Robotics industry");
  await rule.getByLabel(/attribute$/).fill("industry");
  await rule.getByLabel(/value$/).fill("Robotics");
  await rule.getByLabel(/points$/).fill("250");
  await expect(rule.getByText("At most 100 points per rule")).toBeVisible();
  await rule.getByLabel(/points$/).fill("25");
  await expect(rule.getByText("At most 100 points per rule")).toBeHidden();

  await sample.getByLabel("Sample industry").fill("Robotics");
  await expect(liveScore).not.toHaveText(String(before));
  await expect(sample.getByRole("region", { name: "Live score" })).toContainText("Robotics industry");

  await model.getByRole("button", { name: "Save draft" }).click();
  await expect(model.getByText("Draft saved.")).toBeVisible();

  // Backtest the draft side by side with the published version.
  await model.getByRole("link", { name: "Backtest this draft" }).click();
  await expect(page).toHaveURL(/\/scoring\/backtest\?versionId=/);
  const filters = page.getByRole("form", { name: "Backtest filters" });
  const compare = filters.getByLabel("Compare with");
  await compare.selectOption((await compare.locator("option", { hasText: "(published)" }).getAttribute("value"))!);
  await filters.getByRole("button", { name: "Run backtest" }).click();
  await expect(page).toHaveURL(/compareVersionId=/);
  const draftFigures = page.getByRole("region", { name: `Version ${draftVersion} (draft)` });
  const publishedFigures = page.getByRole("region", { name: `${publishedName} (published)` });
  await expect(draftFigures).toContainText(/ROC AUC\s*0\.\d{3}/);
  await expect(publishedFigures).toContainText(/ROC AUC\s*0\.\d{3}/);
  await expect(page.getByRole("img", { name: /^ROC curve: AUC 0\.\d{3} for Version \d+ \(draft\), 0\.\d{3} for Version \d+ \(published\)$/ })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /^Download per-lead scores CSV/ }).click();
  expect((await download).suggestedFilename()).toBe(`backtest-v${draftVersion}.csv`);

  // Publish with a change note; the rescoring then runs in the worker.
  await page.goto(editorUrl);
  const publish = page.getByRole("region", { name: "Publish" });
  await publish.getByLabel("Change note (why)").fill("Robotics buyers convert: +25 fit points");
  await publish.getByRole("button", { name: "Publish" }).click();
  // The editor turns into the published version's page, with the rescoring it started.
  await expect(page.getByText(`Version ${draftVersion} is published`)).toBeVisible();
  await expect(page.getByRole("status", { name: "Rescoring progress" })).toContainText(/Rescoring (queued|complete|: \d+ of \d+)/);

  await page.goto("/policies/scoring");
  const mine = page.getByRole("listitem", { name: `Version ${draftVersion}` });
  await expect(mine).toContainText("Published");
  await expect(mine.getByRole("status", { name: "Rescoring progress" })).toContainText(/Rescoring complete: \d+ open leads? checked, \d+ scores? changed/, { timeout: 60_000 });
});
