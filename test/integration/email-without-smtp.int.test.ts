// Without SMTP_HOST: development logs each mail and counts it sent (nothing piles up).
import { expect, it, vi } from "vitest";

delete process.env.SMTP_HOST;
const { db } = await import("@/lib/server/db");
const { notify } = await import("@/lib/server/notifications/notify");
const { drainOutbox } = await import("@/lib/server/email/send-outbox");
const { makeUser } = await import("./fixtures/users");

it("in development the mail is written to the log and marked SENT", async () => {
  const user = await makeUser("REP");
  await db().$transaction((tx) => notify(tx, [{ userId: user.id, kind: "lead.assigned", title: "Logged, not sent" }]));
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    expect(await drainOutbox()).toMatchObject({ sent: 1 });
    expect(log.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(new RegExp(`SMTP_HOST is not set[\\s\\S]*To: ${user.email}[\\s\\S]*Subject: Logged, not sent`));
  } finally {
    log.mockRestore();
  }
  expect(await db().emailMessage.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ status: "SENT", attempts: 1 });
});
