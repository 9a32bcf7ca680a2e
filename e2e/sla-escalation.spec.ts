import { expect, test, type APIRequestContext } from "@playwright/test";
import { revopsApiKey } from "./support/api-key";
import { signInAs } from "./support/demo";
import { waitForMail } from "./support/mail";

// The escalation ladder end to end, with a minutes-long SLA: RevOps publishes an SLA policy
// whose first-touch clock runs 1 minute around the clock; a rep creates a lead (routed to
// themselves) and never touches it; the clock breaches on the real worker, level 1 of the
// ladder notifies the rep's manager in the inbox and by e-mail (captured by the test SMTP
// server), and the lead's timeline shows the escalation. The original policy is published
// again at once: a clock keeps the version it started under, so other specs are unaffected
// after these few seconds.

test.describe.configure({ mode: "serial" });

type TVersion = { id: string; status: string; body: { clocks: { id: string }[] } & Record<string, unknown> };

const auth = () => ({ authorization: `Bearer ${revopsApiKey()}` });

async function publishSla(request: APIRequestContext, name: string, body: unknown, changeNote: string): Promise<void> {
  const draft = await request.post("/api/v1/policies/SLA", { headers: auth(), data: { name, body } });
  expect(draft.status(), await draft.text()).toBe(201);
  const { data } = (await draft.json()) as { data: { id: string } };
  const published = await request.post(`/api/v1/policies/${data.id}/publish`, { headers: auth(), data: { changeNote, kpi: "SPEED" } });
  expect(published.status(), await published.text()).toBe(200);
}

test("a missed first touch escalates to the rep's manager: inbox, e-mail and the lead's timeline", async ({ browser, request }) => {
  test.setTimeout(240_000);
  const versions = await request.get("/api/v1/policies/SLA", { headers: auth() });
  expect(versions.status()).toBe(200);
  const current = ((await versions.json()) as { data: TVersion[] }).data.find((v) => v.status === "PUBLISHED");
  expect(current, "a published SLA policy").toBeTruthy();
  const original = current!.body;
  const fast = {
    ...original,
    clocks: original.clocks.map((c) =>
      c.id === "LEAD_FIRST_TOUCH"
        ? { ...c, label: "First touch within 1 minute (e2e)", durationMinutes: 1, multiplier: undefined, businessHours: false, warnAt: [], escalation: [{ level: 1, notify: ["OWNER", "MANAGER"] }] }
        : c,
    ),
  };

  const rep = await browser.newPage();
  const email = `escalation-${Date.now()}@e2e-sla.example`;
  await publishSla(request, "First touch in 1 minute (e2e)", fast, "e2e: a one-minute first-touch SLA to watch the ladder");
  try {
    await signInAs(rep, "rep@arbiter.demo", "/leads");
    await rep.goto("/leads/new");
    const form = rep.getByRole("form", { name: "New lead" });
    await form.getByLabel("E-mail").fill(email);
    await form.getByLabel("First name").fill("Tardy");
    await form.getByLabel("Last name").fill("Touch");
    await form.getByRole("button", { name: "Create lead" }).click();
    await expect(rep.getByRole("heading", { level: 1, name: /Tardy/ })).toBeVisible();
  } finally {
    await publishSla(request, "SLA policy restored after e2e", original, "e2e: restore the SLA policy");
  }
  const leadUrl = rep.url();
  await expect(rep.getByRole("region", { name: "Decision timeline" })).toContainText("First touch within 1 minute (e2e)");

  // The manager's inbox: the escalation notice links to the lead.
  const manager = await browser.newPage();
  await signInAs(manager, "manager@arbiter.demo", "/approvals");
  await expect(async () => {
    await manager.goto("/inbox");
    await expect(manager.getByRole("link", { name: /SLA escalation \(level 1\): First touch within 1 minute \(e2e\)/ }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 150_000, intervals: [5_000] });

  // The e-mail went out over SMTP.
  const mail = await waitForMail("manager@arbiter.demo", /^Escalation: SLA escalation \(level 1\): First touch within 1 minute \(e2e\)/, 60_000);
  expect(mail.text).toContain(new URL(leadUrl).pathname);

  // The lead's timeline says what happened, in plain words.
  await manager.goto(leadUrl);
  const timeline = manager.getByRole("region", { name: "Decision timeline" });
  await expect(timeline).toContainText("SLA breached");
  await expect(timeline).toContainText("SLA escalated");
});
