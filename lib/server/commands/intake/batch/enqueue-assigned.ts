import "server-only";
import { db } from "../../../db";
import { enqueueWebhook } from "../../../webhooks/enqueue-webhook";
import type { TAssignment } from "./intake-chunk";

/**
 * The lead.assigned webhooks of a committed chunk. One query first: with no endpoint
 * subscribed (the common case) a chunk of 500 costs that query, not 500 of them.
 */
export async function enqueueAssignedWebhooks(assignments: readonly TAssignment[]): Promise<void> {
  try {
    const subscribed = await db().webhookEndpoint.count({ where: { active: true, events: { has: "lead.assigned" } } });
    if (subscribed === 0) return;
  } catch (error) {
    console.error("[webhooks] could not look up lead.assigned subscribers", error);
    return;
  }
  for (const a of assignments) await enqueueWebhook("lead.assigned", a);
}
