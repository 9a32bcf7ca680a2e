import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { appendDecision } from "../decision-log";
import { notFound } from "../errors";

export async function setWebhookActive(options: { actor: Pick<TSessionUser, "id">; endpointId: string; active: boolean }) {
  const { actor, endpointId, active } = options;
  return db().$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.updateManyAndReturn({ where: { id: endpointId }, data: { active }, select: { id: true, url: true, active: true } });
    const endpoint = updated[0];
    if (!endpoint) throw notFound("That webhook");
    await appendDecision(tx, {
      kind: "webhook.updated",
      subjectType: "webhook_endpoint",
      subjectId: endpointId,
      actorId: actor.id,
      input: { active },
      output: { active },
      reasons: [`Webhook to ${endpoint.url} ${active ? "resumed" : "paused"}.`],
    });
    return endpoint;
  });
}
