import "server-only";
import { db } from "../db";
import { verifyDecisionLog } from "../decision-log";
import { publishChainAnchor } from "../decision-log/anchor";
import { sendDailyDigests } from "../email/send-digests";
import { drainOutbox } from "../email/send-outbox";
import { runRoutingSimulation } from "../routing/simulate-run";
import { runScoringRescore } from "../scoring/rescore-job";
import { deliverWebhook } from "../webhooks/deliver-webhook";
import { fireTimers } from "../sla/fire-timers";
import { sweepStaleClocks } from "../sla/opportunity-clocks";
import { runImport } from "../import/run-import";
import { sweepOrphanFiles } from "../files/sweep-orphan-files";
import type { TQueueName } from "./queue-options";

// Every background queue in one list: its name, an optional schedule (cron, UTC) and its
// handler. Handlers must be idempotent: a worker killed mid-job gets the job again.
export type TQueue = {
  name: TQueueName;
  cron?: string;
  /** pg-boss fetch options (batch size, polling) when the defaults do not fit. */
  work?: { batchSize?: number; pollingIntervalSeconds?: number };
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
    name: "decision-log.anchor",
    cron: "*/15 * * * *",
    async handler() {
      const anchor = await publishChainAnchor(db());
      if (anchor) console.log(`[worker] decision log anchor published: link ${anchor.seq}`);
    },
  },
  {
    name: "webhook.deliver",
    async handler(jobs) {
      for (const job of jobs) await deliverWebhook((job.data as { deliveryId: string }).deliveryId);
    },
  },
  {
    // SLA clock timers (lib/server/sla/fire-timers.ts): batches, so a burst of due clocks fires in seconds.
    name: "sla.timer",
    work: { batchSize: 375, pollingIntervalSeconds: 1 },
    async handler(jobs) {
      await fireTimers(jobs);
    },
  },
  {
    name: "import.run",
    async handler(jobs) {
      for (const job of jobs) await runImport((job.data as { runId: string }).runId);
    },
  },
  {
    name: "routing.simulate",
    async handler(jobs) {
      for (const job of jobs) await runRoutingSimulation((job.data as { runId: string }).runId);
    },
  },
  {
    name: "scoring.rescore",
    async handler(jobs) {
      for (const job of jobs) await runScoringRescore((job.data as { jobRunId: string }).jobRunId);
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
  {
    // Open opportunities without a stale clock (imported, seeded, or open before SLAs were published) get one.
    name: "sla.stale-sweep",
    cron: "40 2 * * *",
    async handler() {
      const result = await sweepStaleClocks();
      if (result.started > 0) console.log(`[worker] stale-opportunity sweep: ${result.started} clocks started`);
    },
  },
  {
    name: "files.sweep",
    cron: "10 4 * * *",
    async handler() {
      const { removed } = await sweepOrphanFiles();
      if (removed.length > 0) console.log(`[worker] removed ${removed.length} unused uploads`);
    },
  },
];
