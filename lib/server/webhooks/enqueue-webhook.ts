import "server-only";
import type { TWebhookEvent } from "@/lib/schemas/webhooks";
import { db } from "../db";
import { enqueue } from "../jobs/boss";

/**
 * After commit: records one delivery per subscribed active endpoint and queues it. Never
 * throws into the caller's flow — a broken webhook setup must not block intake or approvals.
 */
export async function enqueueWebhook(event: TWebhookEvent, data: object, options: { endpointId?: string } = {}): Promise<string[]> {
  try {
    const endpoints = await db().webhookEndpoint.findMany({
      where: options.endpointId ? { id: options.endpointId } : { active: true, events: { has: event } },
      select: { id: true },
    });
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
