import "server-only";
import { randomBytes } from "node:crypto";
import type { TCreateWebhook } from "@/lib/schemas/webhooks";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { appendDecision } from "../decision-log";

/** Adds an endpoint; the signing secret is returned once for the admin to copy. */
export async function createWebhookEndpoint(options: { actor: Pick<TSessionUser, "id">; input: TCreateWebhook }) {
  const { actor, input } = options;
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  return db().$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: { url: input.url, description: input.description, events: input.events, secret, createdById: actor.id },
      select: { id: true, url: true, events: true },
    });
    await appendDecision(tx, {
      kind: "webhook.created",
      subjectType: "webhook_endpoint",
      subjectId: endpoint.id,
      actorId: actor.id,
      input: { url: input.url, events: input.events },
      output: { endpointId: endpoint.id },
      reasons: [`Webhook to ${input.url} added for ${input.events.join(", ")}.`],
    });
    return { ...endpoint, secret };
  });
}
