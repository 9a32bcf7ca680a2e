// Without SMTP_HOST in production: mails hold live action links, so they are never logged;
// each one is marked FAILED at once with the reason (missing configuration is not temporary).
import { afterAll, expect, it, vi } from "vitest";

delete process.env.SMTP_HOST;
const processEnv = process.env as Record<string, string | undefined>; // NODE_ENV is typed read-only
const nodeEnv = processEnv.NODE_ENV;
processEnv.NODE_ENV = "production";
afterAll(() => {
  processEnv.NODE_ENV = nodeEnv; // env() is read once per module graph; leave nothing behind for other files
});
process.env.AUTH_SECRET ??= "integration-only-secret-0123456789";
const { db } = await import("@/lib/server/db");
const { notify } = await import("@/lib/server/notifications/notify");
const { drainOutbox } = await import("@/lib/server/email/send-outbox");
const { makeUser } = await import("./fixtures/users");

it("in production the mail is FAILED at once with the reason, and its text is not logged", async () => {
  const user = await makeUser("REP");
  await db().$transaction((tx) => notify(tx, [{ userId: user.id, kind: "lead.assigned", title: "Secret-ish subject" }]));
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    expect(await drainOutbox()).toMatchObject({ sent: 0, failed: 1, retrying: 0 });
    expect([...log.mock.calls, ...error.mock.calls].map((c) => String(c[0])).join("\n")).not.toContain("Secret-ish subject");
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  const row = await db().emailMessage.findFirstOrThrow({ where: { userId: user.id } });
  expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
  expect(row.error).toMatch(/SMTP_HOST is not set/);
});
