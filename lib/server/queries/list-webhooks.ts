import "server-only";
import { db } from "../db";

const RECENT_DELIVERIES = 10;

/** Endpoints with their latest deliveries (the delivery log); secrets are never read here. */
export function listWebhooks() {
  return db().webhookEndpoint.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      url: true,
      description: true,
      events: true,
      active: true,
      createdAt: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: RECENT_DELIVERIES,
        select: { id: true, event: true, status: true, attempts: true, responseCode: true, error: true, durationMs: true, createdAt: true, lastAttemptAt: true },
      },
    },
  });
}
