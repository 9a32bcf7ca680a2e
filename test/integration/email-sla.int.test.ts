// SLA notifications reach people by e-mail through the real worker: a first-touch clock
// already past its deadline breaches (the rep is mailed) and escalates (the manager gets the
// escalation template), each mail once.
import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { startMailCatcher } from "@/test/support/mail-catcher";

const catcher = await startMailCatcher();
process.env.SMTP_HOST = "127.0.0.1";
process.env.SMTP_PORT = String(catcher.port);
process.env.APP_URL = "http://arbiter.test";

const { db } = await import("@/lib/server/db");
const { appendDecisions } = await import("@/lib/server/decision-log");
const { startWorker } = await import("@/lib/server/jobs/worker");
const { startClocks } = await import("@/lib/server/sla/start-clocks");
const { makeUser } = await import("./fixtures/users");
const { publishSlaPolicy, quickSlaPolicy } = await import("./fixtures/sla-policy");

afterAll(async () => {
  await catcher.close();
});

it("a missed first touch mails the breach to the rep and the escalation to the manager, once each", { timeout: 120_000 }, async () => {
  const revops = await makeUser("REVOPS");
  const manager = await makeUser("SALES_MANAGER");
  const rep = await makeUser("REP");
  await db().user.update({ where: { id: rep.id }, data: { managerId: manager.id } });
  await publishSlaPolicy(revops, quickSlaPolicy());

  const lead = randomUUID();
  const clockId = await db().$transaction(async (tx) => {
    const { clocks, decisions } = await startClocks(tx, [{ kind: "LEAD_FIRST_TOUCH", subjectType: "LEAD", subjectId: lead, ownerId: rep.id, teamId: null, region: null, reason: "test lead assigned" }]);
    await appendDecisions(tx, decisions);
    return clocks[0]!.id;
  });
  // Three minutes ago: everything is overdue, and the timer job may run now.
  await db().$executeRaw`UPDATE sla_clocks SET started_at = started_at - interval '3 minutes', running_since = running_since - interval '3 minutes', due_at = due_at - interval '3 minutes' WHERE id = ${clockId}::uuid`;
  await db().$executeRaw`UPDATE pgboss.job SET start_after = now() WHERE name = 'sla.timer' AND data->>'clockId' = ${clockId}`;

  const worker = await startWorker({ databaseUrl: process.env.DATABASE_URL!, log: () => {} });
  try {
    const until = Date.now() + 90_000;
    const mine = () => catcher.mails.filter((m) => m.to.includes(manager.email) || m.to.includes(rep.email));
    while (Date.now() < until && !catcher.mails.some((m) => m.to.includes(manager.email) && m.subject.startsWith("Escalation: "))) await new Promise((r) => setTimeout(r, 500));
    await new Promise((r) => setTimeout(r, 4_000)); // one more poll: nothing may arrive twice
    const toManager = mine().filter((m) => m.to.includes(manager.email));
    expect(toManager.map((m) => m.subject.split(":")[0])).toEqual(["Escalation"]);
    expect(toManager[0]!.text).toContain(`http://arbiter.test/leads/${lead}`);
    const toRep = mine().filter((m) => m.to.includes(rep.email));
    expect(toRep.filter((m) => m.subject.startsWith("SLA breached: "))).toHaveLength(1);
    // Warnings go to the daily digest by default, not at once.
    expect(toRep.filter((m) => m.subject.startsWith("SLA warning: "))).toHaveLength(0);
    const rows = await db().emailMessage.findMany({ where: { userId: { in: [rep.id, manager.id] } } });
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
  } finally {
    await worker.stop();
  }
});
