import type PgBoss from "pg-boss";

// Retry behaviour per queue, shared by the senders (which create queues on first use) and the
// worker. Webhook retries back off exponentially from 5 s: 5, 10, 20 … about 21 minutes in all.
export const QUEUE_OPTIONS = {
  "decision-log.verify": { name: "decision-log.verify", retryLimit: 2 },
  "webhook.deliver": { name: "webhook.deliver", retryLimit: 8, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 },
  // A rescoring resumes from its last committed chunk, so a retry never redoes work.
  "scoring.rescore": { name: "scoring.rescore", retryLimit: 3, retryDelay: 10, expireInSeconds: 3600 },
} satisfies Record<string, PgBoss.Queue>;

export type TQueueName = keyof typeof QUEUE_OPTIONS;
