// The durable path with the real worker: a notification committed by any transaction is
// mailed by the worker's outbox poll + "email.send" drain job, without anyone kicking it.
import { afterAll, expect, it } from "vitest";
import { startMailCatcher } from "@/test/support/mail-catcher";

const catcher = await startMailCatcher();
process.env.SMTP_HOST = "127.0.0.1";
process.env.SMTP_PORT = String(catcher.port);

const { db } = await import("@/lib/server/db");
const { notify } = await import("@/lib/server/notifications/notify");
const { startWorker } = await import("@/lib/server/jobs/worker");
const { makeUser } = await import("./fixtures/users");

afterAll(async () => {
  await catcher.close();
});

it("the worker mails a committed notification within seconds, once", { timeout: 60_000 }, async () => {
  const user = await makeUser("SALES_MANAGER");
  const worker = await startWorker({ databaseUrl: process.env.DATABASE_URL!, log: () => {} });
  try {
    const started = Date.now();
    await db().$transaction((tx) => notify(tx, [{ userId: user.id, kind: "sla.escalated", title: "First touch missed: Ada Lovelace", link: "/leads/x" }]));
    while (!catcher.mails.some((m) => m.to.includes(user.email)) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 200));
    const ms = Date.now() - started;
    const mails = catcher.mails.filter((m) => m.to.includes(user.email));
    expect(mails.map((m) => m.subject)).toEqual(["Escalation: First touch missed: Ada Lovelace"]);
    console.log(`[email-worker] notification → mail caught in ${ms} ms`);
    expect(ms).toBeLessThan(15_000);
    // The catcher has the mail as soon as SMTP accepts it; the worker marks the row SENT just after.
    await expect.poll(async () => db().emailMessage.findFirstOrThrow({ where: { userId: user.id } }), { timeout: 10_000, interval: 100 }).toMatchObject({ status: "SENT", attempts: 1, template: "escalation" });
    expect(catcher.mails.filter((m) => m.to.includes(user.email))).toHaveLength(1);
  } finally {
    await worker.stop();
  }
});
