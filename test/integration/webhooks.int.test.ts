// Outgoing webhooks end to end: a real receiver on loopback, real pg-boss worker, retries.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { verifySignature } from "@/lib/engine/webhooks/signature";
import { createWebhookEndpoint } from "@/lib/server/commands/create-webhook-endpoint";
import { db } from "@/lib/server/db";
import { sender } from "@/lib/server/jobs/boss";
import { startWorker } from "@/lib/server/jobs/worker";
import { enqueueWebhook } from "@/lib/server/webhooks/enqueue-webhook";
import { makeUser } from "./fixtures/users";

type TReceived = { headers: IncomingMessage["headers"]; body: string };

async function receiver(failFirst: number) {
  const received: TReceived[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = received.length <= failFirst ? 500 : 200;
      res.end(received.length <= failFirst ? "temporarily broken" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise((r) => server.close(r)) };
}

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

afterAll(async () => {
  await (await sender()).stop({ graceful: false, wait: true });
});

describe("outgoing webhooks", () => {
  it("signs each delivery, retries a failing endpoint with backoff and logs every attempt", { timeout: 90_000 }, async () => {
    const admin = await makeUser("ADMIN");
    const hook = await receiver(2);
    const endpoint = await createWebhookEndpoint({ actor: admin, input: { url: hook.url, description: "test", events: ["lead.assigned"] } });
    const other = await createWebhookEndpoint({ actor: admin, input: { url: hook.url, description: "not subscribed", events: ["sla.breached"] } });
    const worker = await startWorker({ databaseUrl: process.env.DATABASE_URL!, log: () => {} });
    try {
      const [deliveryId] = await enqueueWebhook("lead.assigned", { leadId: "lead-1", ownerId: "user-1" });
      expect(deliveryId).toBeTruthy();
      const delivery = await waitFor(
        () => db().webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId! } }),
        (d) => d.status !== "PENDING",
        80_000,
      );
      expect(delivery).toMatchObject({ status: "SUCCEEDED", attempts: 3, responseCode: 200 });
      expect(hook.received).toHaveLength(3);
      for (const request of hook.received) {
        expect(request.headers["arbiter-event"]).toBe("lead.assigned");
        const verdict = verifySignature(endpoint.secret, String(request.headers["arbiter-signature"]), request.body, Math.floor(Date.now() / 1000));
        expect(verdict).toEqual({ ok: true });
        expect(JSON.parse(request.body)).toMatchObject({ id: deliveryId, event: "lead.assigned", data: { leadId: "lead-1" } });
      }
      expect(await db().webhookDelivery.count({ where: { endpointId: other.id } })).toBe(0);
    } finally {
      await worker.stop();
      await hook.close();
    }
  });

  it("does not throw into the caller when queueing fails", async () => {
    await expect(enqueueWebhook("sla.breached", { x: 1 }, { endpointId: "not-a-uuid" })).resolves.toEqual([]);
  });
});
