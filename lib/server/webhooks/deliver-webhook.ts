import "server-only";
import { signatureHeader } from "@/lib/engine/webhooks/signature";
import { db } from "../db";
import { QUEUE_OPTIONS } from "../jobs/queue-options";

const TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = QUEUE_OPTIONS["webhook.deliver"].retryLimit + 1;
const BODY_LOG_LIMIT = 2_000;

/**
 * One delivery attempt (a pg-boss job). Each attempt is recorded; a non-2xx answer or a
 * timeout throws so pg-boss retries with backoff, until the last attempt marks it FAILED.
 * A delivery already SUCCEEDED is not sent again (a job re-run after a crash is harmless).
 */
export async function deliverWebhook(deliveryId: string): Promise<void> {
  const delivery = await db().webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } });
  if (!delivery || delivery.status !== "PENDING") return;
  const body = JSON.stringify({ id: delivery.id, ...(delivery.payload as object) });
  const started = performance.now();
  let responseCode: number | null = null;
  let responseBody: string | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(delivery.endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Arbiter-Webhooks/1",
        "arbiter-event": delivery.event,
        "arbiter-delivery": delivery.id,
        "arbiter-signature": signatureHeader(delivery.endpoint.secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    responseCode = response.status;
    responseBody = (await response.text()).slice(0, BODY_LOG_LIMIT);
    if (!response.ok) error = `endpoint answered ${response.status}`;
  } catch (e) {
    error = e instanceof Error && e.name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : e instanceof Error ? e.message : String(e);
  }
  const attempts = delivery.attempts + 1;
  const status = error === null ? "SUCCEEDED" : attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING";
  await db().webhookDelivery.update({
    where: { id: delivery.id },
    data: { attempts, status, responseCode, responseBody, error, durationMs: Math.round(performance.now() - started), lastAttemptAt: new Date() },
  });
  if (status === "PENDING") throw new Error(`webhook delivery ${delivery.id} failed (attempt ${attempts} of ${MAX_ATTEMPTS}): ${error}`);
}
