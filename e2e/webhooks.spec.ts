import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";

test("an admin adds a webhook, sends a test event and sees the signed delivery succeed", async ({ page }) => {
  const received: { signature: string | undefined; event: string | undefined }[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received.push({ signature: req.headers["arbiter-signature"] as string | undefined, event: req.headers["arbiter-event"] as string | undefined });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/arbiter-${Date.now()}`;
  try {
    await signInAs(page, "admin@arbiter.demo", "/admin/users");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
    const form = page.getByRole("form", { name: "Add a webhook" });
    await form.getByLabel("Endpoint URL").fill("not a url");
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(form.getByText("Enter a full URL")).toBeVisible();
    await expect(form.getByText("Choose at least one event")).toBeVisible();

    await form.getByLabel("Endpoint URL").fill(url);
    await form.getByLabel("lead.assigned").check();
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(form.getByText(/Signing secret/)).toContainText("whsec_");

    await page.getByRole("button", { name: `Send a test event to ${url}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test event queued" })).toBeVisible();
    await expect(async () => {
      await page.reload();
      const endpoint = page.getByRole("listitem").filter({ hasText: url });
      await expect(endpoint.getByRole("cell", { name: "succeeded" })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    // Tests running alongside assign leads too, and this endpoint subscribed to lead.assigned:
    // the "succeeded" above may be such a delivery, and the test event may arrive a moment
    // later — wait for it. Every delivery is signed.
    await expect.poll(() => received.find((r) => r.event === "webhook.test")?.signature, { timeout: 20_000 }).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    for (const delivery of received) expect(delivery.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test("a rep cannot open the webhooks page", async ({ page }) => {
  await signInAs(page, "rep@arbiter.demo", "/leads");
  await page.goto("/admin/webhooks");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
});
