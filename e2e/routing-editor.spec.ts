import { expect, test } from "@playwright/test";
import { revopsApiKey } from "./support/api-key";
import { signInAs } from "./support/demo";
import { serverActionId } from "./support/server-actions";

test("RevOps edits the routing matrix, fixes a lint error, simulates, publishes, and the next lead is routed by the new version", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  await signInAs(page, "revops@arbiter.demo", "/policies");
  await page.goto("/policies/routing");
  await page.getByRole("button", { name: "New draft from the published matrix" }).click();
  await expect(page).toHaveURL(/\/policies\/routing\/edit\/[0-9a-f-]{36}$/);
  const version = Number((await page.getByRole("heading", { name: /^Routing matrix v\d+$/ }).textContent())!.replace(/\D+/g, ""));

  const editor = page.getByRole("form", { name: "Routing matrix editor" });
  const rows = editor.getByRole("list", { name: "Matrix rows" }).locator(":scope > li");
  await expect(editor.getByText("No errors")).toBeVisible();
  const count = await rows.count();

  // A copy of the partner row right under it can never route a lead: lint says so on that row.
  await editor.getByRole("button", { name: "Duplicate row 2" }).click();
  await expect(rows).toHaveCount(count + 1);
  await expect(rows.nth(2)).toContainText("Error: Row 3 (Partner-sourced → partner team (copy)) can never route a lead");
  await expect(editor.getByText("1 error", { exact: true })).toBeVisible();
  await editor.getByRole("button", { name: "Delete row 3" }).click();
  await expect(editor.getByText("No errors")).toBeVisible();
  await expect(editor.getByText(/can never route a lead/)).toHaveCount(0);

  // A new rule: Icelandic leads go to Riley. Added before the fallback, then moved up twice
  // (keyboard shortcut, then the button).
  await editor.getByLabel("Add column").selectOption("country");
  await editor.getByRole("button", { name: "Add row" }).click();
  await expect(rows).toHaveCount(count + 1);
  const added = rows.nth(count - 1);
  await added.getByLabel("Label", { exact: true }).fill("Iceland → Riley");
  await added.getByLabel("country condition").selectOption("equals");
  await added.getByLabel("country value").selectOption("IS");
  await added.getByLabel("Action").selectOption("USER");
  await added.getByLabel("Target").selectOption({ label: "Riley Morgan (rep)" });
  await added.getByLabel("Label", { exact: true }).press("Alt+ArrowUp");
  await expect(rows.nth(count - 2)).toContainText("Iceland → Riley");
  await editor.getByRole("button", { name: `Move row ${count - 1} up` }).click();
  const rowNumber = count - 2;
  await expect(rows.nth(rowNumber - 1).getByRole("heading")).toHaveText(`Row ${rowNumber} · Iceland → Riley`);
  await expect(editor.getByText("No errors")).toBeVisible();

  await editor.getByRole("button", { name: "Save draft" }).click();
  await expect(editor.getByText(`Draft v${version} saved.`)).toBeVisible();
  await expect(editor.getByText("All changes saved")).toBeVisible();

  // Simulation: progress, then figures, chart and drill-down.
  await page.getByLabel("Leads of the last … days").fill("30");
  await page.getByRole("button", { name: "Run simulation" }).click();
  await expect(page).toHaveURL(/\/policies\/routing\/simulations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("progressbar", { name: "Simulation progress" }).or(page.getByText("Leads replayed"))).toBeVisible();
  await expect(page.getByText("Leads replayed")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: `Routing simulation of v${version}` })).toBeVisible();
  await expect(page.getByRole("img", { name: /Leads per owner now and under the draft/ })).toBeVisible();
  await page.getByText(/^Leads that keep their owner/).click();
  await expect(page.getByRole("cell", { name: /^Routed to / }).first()).toBeVisible();

  // Publish with a change note.
  await page.getByRole("link", { name: "Back to the editor" }).click();
  await expect(page.getByText("Lint: no problems found.").or(page.getByText(/^Lint: 0 errors/))).toBeVisible();
  await page.getByLabel("Change note (why)").fill("Icelandic leads go straight to Riley");
  await page.getByRole("button", { name: "Publish" }).click();
  // The page re-renders for the now published version (the success message may be replaced at once).
  await expect(page.getByText(`Version ${version} is now the active routing policy.`).or(page.getByText(`Version ${version} is published`))).toBeVisible();

  // A lead arriving through the API is routed by the new version.
  const email = `gudrun-${Date.now()}@fjord-e2e.is`;
  const created = await request.post("/api/v1/leads", {
    headers: { authorization: `Bearer ${revopsApiKey()}` },
    data: { email, firstName: "Guðrún", lastName: "Jónsdóttir", company: "Fjord Analytics", country: "IS" },
  });
  expect(created.status()).toBe(201);
  const lead = (await created.json()).data;
  expect(lead.explanation.join(" ")).toContain(`of routing policy version ${version}`);

  // Riley, the rep, sees why on the lead page.
  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  await signInAs(rep, "rep@arbiter.demo", "/leads");
  await rep.goto(`/leads/${lead.leadId}`);
  const timeline = rep.getByRole("region", { name: "Decision timeline" });
  await expect(timeline).toContainText(`Routed to you by row ${rowNumber}`);
  await expect(timeline).toContainText(`Decided by row ${rowNumber} (Iceland → Riley) of routing policy version ${version}.`);
  await repContext.close();
});

test("a rep cannot open the matrix editor nor call its actions", async ({ page }) => {
  await signInAs(page, "rep@arbiter.demo", "/leads");
  await page.goto("/policies/routing/edit/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Routing matrix editor" })).toHaveCount(0);
  await page.goto("/policies/routing");
  await expect(page.getByRole("button", { name: "New draft from the published matrix" })).toHaveCount(0);

  for (const [name, args] of [
    ["newRoutingDraftAction", {}],
    ["saveRoutingDraftAction", { versionId: "00000000-0000-4000-8000-000000000000", body: {} }],
    ["simulateRoutingDraftAction", { versionId: "00000000-0000-4000-8000-000000000000", days: 7 }],
  ] as const) {
    const response = await page.request.post("/policies/routing", {
      headers: { "Next-Action": serverActionId("app/(app)/policies/routing/actions.ts", name), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
      data: JSON.stringify([args]),
    });
    expect(await response.text(), name).toContain('"code":"FORBIDDEN"');
  }
});
