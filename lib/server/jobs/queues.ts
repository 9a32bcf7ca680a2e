import "server-only";
import { db } from "../db";
import { verifyDecisionLog } from "../decision-log";
import { runScoringRescore } from "../scoring/rescore-job";
import { deliverWebhook } from "../webhooks/deliver-webhook";
import type { TQueueName } from "./queue-options";

// Every background queue in one list: its name, an optional schedule (cron, UTC) and its
// handler. Handlers must be idempotent: a worker killed mid-job gets the job again.
export type TQueue = {
  name: TQueueName;
  cron?: string;
  handler: (jobs: { id: string; data: unknown }[]) => Promise<void>;
};

export const QUEUES: TQueue[] = [
  {
    name: "decision-log.verify",
    cron: "15 3 * * *",
    async handler() {
      const result = await verifyDecisionLog(db());
      if (result.ok) console.log(`[worker] decision log verified: ${result.checked} entries intact`);
      else console.error(`[worker] DECISION LOG BROKEN at entry ${result.brokenId}: ${result.problem}`);
    },
  },
  {
    name: "webhook.deliver",
    async handler(jobs) {
      for (const job of jobs) await deliverWebhook((job.data as { deliveryId: string }).deliveryId);
    },
  },
  {
    name: "scoring.rescore",
    async handler(jobs) {
      for (const job of jobs) await runScoringRescore((job.data as { jobRunId: string }).jobRunId);
    },
  },
];
