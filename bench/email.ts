// Benchmark (not a test): what e-mail costs the transactions that notify, and how fast the
// outbox drains into a local SMTP receiver, on a throwaway embedded Postgres.
//   npm run bench:email
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";
import { startMailCatcher } from "@/test/support/mail-catcher";

const pg = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true });
const catcher = await startMailCatcher();
process.env.DATABASE_URL = pg.url;
process.env.DATABASE_POOL_MAX = "20";
process.env.SMTP_HOST = "127.0.0.1";
process.env.SMTP_PORT = String(catcher.port);
await applyMigrations(pg.url);
const { db } = await import("@/lib/server/db");
const { notify } = await import("@/lib/server/notifications/notify");
const { drainOutbox } = await import("@/lib/server/email/send-outbox");
const { closeMailer } = await import("@/lib/server/email/transport");

const USERS = 200;
await db().user.createMany({ data: Array.from({ length: USERS }, (_, i) => ({ email: `bench-${i}@example.com`, name: `Bench ${i}`, role: "REP" as const, passwordHash: "!disabled" })) });
const users = (await db().user.findMany({ select: { id: true } })).map((u) => u.id);

function stats(latencies: number[]) {
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2);
  return `p50 ${p(0.5)} ms  p95 ${p(0.95)} ms`;
}

/** One notification per transaction, as intake and approvals do, 4 clients at once. */
async function notifyScenario(label: string, total: number, write: (i: number) => Promise<unknown>) {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await write(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(44)} ${String(total).padStart(5)} txns  ${(total / seconds).toFixed(0).padStart(6)} txn/s  ${stats(latencies)}`);
}

const notice = (i: number, kind: string) => ({ userId: users[i % USERS]!, kind, title: `Lead ${i} assigned`, body: "Score 72", link: `/leads/${i}`, dedupeKey: `${kind}:${i}` });

console.log(`e-mail benchmark (PostgreSQL embedded, ${process.platform}, node ${process.version}; shared machine)`);
await notifyScenario("in-app only (createMany, before e-mail)", 2_000, (i) => db().$transaction((tx) => tx.notification.createMany({ data: [notice(i, "plain")], skipDuplicates: true })));
await db().notificationPreference.createMany({ data: users.map((userId) => ({ userId, kind: "lead.off", email: "OFF" })) });
await notifyScenario("notify(), e-mail OFF by preference", 2_000, (i) => db().$transaction((tx) => notify(tx, [notice(i, "lead.off")])));
await notifyScenario("notify(), e-mail IMMEDIATE (outbox row)", 2_000, (i) => db().$transaction((tx) => notify(tx, [notice(i, "lead.assigned")])));

const pending = await db().emailMessage.count({ where: { status: "PENDING" } });
for (const drains of [1, 4]) {
  if (drains === 4) await db().emailMessage.updateMany({ data: { status: "PENDING", attempts: 0, sentAt: null } });
  const before = catcher.mails.length;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: drains }, () => drainOutbox({ limit: 10_000 })));
  const seconds = (performance.now() - t0) / 1000;
  const caught = catcher.mails.length - before;
  console.log(`${`drain to local SMTP, ${drains} sender${drains > 1 ? "s" : ""}`.padEnd(44)} ${String(caught).padStart(5)} mails  ${(caught / seconds).toFixed(0).padStart(6)} mails/s  (${pending} queued; each sent once: ${caught === pending})`);
}

await db().$disconnect();
closeMailer();
await catcher.close();
await pg.stop();
