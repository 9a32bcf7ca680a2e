import "server-only";
import { db } from "../db";
import { verifyDecisionLog } from "../decision-log";
import { sendDailyDigests } from "../email/send-digests";
import { drainOutbox } from "../email/send-outbox";
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
    name: "email.send",
    async handler() {
      const result = await drainOutbox();
      if (result.sent + result.failed + result.retrying > 0) console.log(`[worker] e-mail outbox: ${result.sent} sent, ${result.retrying} to retry, ${result.failed} failed`);
    },
  },
  {
    name: "email.digest",
    cron: "0 7 * * *",
    async handler() {
      const result = await sendDailyDigests();
      console.log(`[worker] daily digest: ${result.notifications} notifications to ${result.users} people`);
      await drainOutbox();
    },
  },
];
