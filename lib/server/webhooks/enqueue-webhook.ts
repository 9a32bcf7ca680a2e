import "server-only";
import type { TWebhookEvent } from "@/lib/schemas/webhooks";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { pgRows } from "../pg-transaction";
import { enqueue } from "../jobs/boss";

/**
 * After commit: records one delivery per subscribed active endpoint and queues it. Never
 * throws into the caller's flow — a broken webhook setup must not block intake or approvals.
 */
export async function enqueueWebhook(event: TWebhookEvent, data: object, options: { endpointId?: string } = {}): Promise<string[]> {
  try {
    // A raw read over pg: every final approval decision asks, usually to find no endpoint, and
    // Prisma's model and raw-query paths cost more Node CPU than pg alone (ADR 0024, 0025).
    const endpoints = options.endpointId
      ? await pgRows<{ id: string }>(Prisma.sql`SELECT id::text FROM webhook_endpoints WHERE id = ${options.endpointId}::uuid`)
      : await pgRows<{ id: string }>(Prisma.sql`SELECT id::text FROM webhook_endpoints WHERE active AND ${event} = ANY(events)`);
    const ids: string[] = [];
    for (const endpoint of endpoints) {
      const delivery = await db().webhookDelivery.create({
        data: { endpointId: endpoint.id, event, payload: { event, createdAt: new Date().toISOString(), data } },
        select: { id: true },
      });
      await enqueue("webhook.deliver", { deliveryId: delivery.id });
      ids.push(delivery.id);
    }
    return ids;
  } catch (error) {
    console.error(`[webhooks] could not queue ${event}`, error);
    return [];
  }
}
