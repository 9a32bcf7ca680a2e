import type PgBoss from "pg-boss";

// Retry behaviour per queue, shared by the senders (which create queues on first use) and the
// worker. Webhook retries back off exponentially from 5 s: 5, 10, 20 … about 21 minutes in all.
export const QUEUE_OPTIONS = {
  "decision-log.verify": { name: "decision-log.verify", retryLimit: 2 },
  // Publishes the chain's head (ADR 0030); a missed run is covered by the next one.
  "decision-log.anchor": { name: "decision-log.anchor", policy: "short", retryLimit: 1, retryDelay: 60 },
  "webhook.deliver": { name: "webhook.deliver", retryLimit: 8, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 },
  // SLA timers: a batch finishes in seconds, so a job whose worker died is re-run after 30 s.
  "sla.timer": { name: "sla.timer", retryLimit: 10, retryDelay: 2, expireInSeconds: 30 },
  // An import is resumable (upserts), so one retry after a crash is safe; large files take minutes.
  "import.run": { name: "import.run", retryLimit: 1, retryDelay: 30, expireInSeconds: 3_600 },
  // A simulation records its own failure on its JobRun; one retry covers a worker restart.
  "routing.simulate": { name: "routing.simulate", retryLimit: 1, expireInSeconds: 900 },
  // A rescoring resumes from its last committed chunk, so a retry never redoes work.
  "scoring.rescore": { name: "scoring.rescore", retryLimit: 3, retryDelay: 10, expireInSeconds: 3600 },
  // One job drains the e-mail outbox; "short" keeps at most one waiting (ADR 0010). Per-mail retries live on the row.
  "email.send": { name: "email.send", policy: "short", retryLimit: 2, retryDelay: 5, expireInSeconds: 15 * 60 },
  "email.digest": { name: "email.digest", retryLimit: 2, retryDelay: 60 },
  // Starts missing stale-opportunity clocks; idempotent, so a retry after a crash is safe.
  "sla.stale-sweep": { name: "sla.stale-sweep", retryLimit: 2, retryDelay: 60, expireInSeconds: 900 },
  // Removes uploads nothing uses (lib/server/files/sweep-orphan-files.ts); a re-run finds nothing more to do.
  "files.sweep": { name: "files.sweep", retryLimit: 2, retryDelay: 300 },
} satisfies Record<string, PgBoss.Queue>;

export type TQueueName = keyof typeof QUEUE_OPTIONS;
