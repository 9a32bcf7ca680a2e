import "server-only";
import { db } from "../db";
import { mailer } from "./transport";

/** Attempts per mail before it is marked FAILED. */
export const EMAIL_MAX_ATTEMPTS = 6;
/** Backoff base: attempt n+1 is due 15·(2ⁿ − 1) s after the mail was queued (0, 15, 45, 105, 225, 465 s). */
export const EMAIL_BACKOFF_SECONDS = 15;

export type TDrainResult = { sent: number; failed: number; retrying: number };

/**
 * Sends due PENDING outbox rows, one at a time, each in its own transaction that holds the
 * row with FOR UPDATE SKIP LOCKED while the SMTP conversation runs: two workers never take
 * the same row, a row marked SENT is never selected again, and a worker killed mid-send
 * leaves the row PENDING (the lock dies with its connection) for the next sweep. The cost:
 * a mail the SMTP server accepted just before such a crash goes out twice (at-least-once;
 * its Message-ID is the row id, so it is recognisable).
 */
export async function drainOutbox(options: { limit?: number } = {}): Promise<TDrainResult> {
  const limit = options.limit ?? 200;
  const result: TDrainResult = { sent: 0, failed: 0, retrying: 0 };
  for (let i = 0; i < limit; i++) {
    const outcome = await sendNextDue();
    if (outcome === null) break;
    result[outcome]++;
  }
  return result;
}

type TRow = { id: string; to_address: string; subject: string; text: string; html: string; attempts: number };

async function sendNextDue(): Promise<keyof TDrainResult | null> {
  return db().$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<TRow[]>`
        SELECT id, to_address, subject, text, html, attempts FROM email_messages
        WHERE status = 'PENDING'
          AND created_at + make_interval(secs => ${EMAIL_BACKOFF_SECONDS}::int * (power(2, attempts) - 1)) <= now()
        ORDER BY created_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      if (!row) return null;
      const attempts = row.attempts + 1;
      try {
        await mailer().send({ messageId: row.id, to: row.to_address, subject: row.subject, text: row.text, html: row.html });
        await tx.emailMessage.update({ where: { id: row.id }, data: { status: "SENT", attempts, error: null, sentAt: new Date() } });
        return "sent";
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
        // Not configured is not temporary: no point retrying.
        const failed = attempts >= EMAIL_MAX_ATTEMPTS || mailer().mode === "unconfigured";
        await tx.emailMessage.update({ where: { id: row.id }, data: { status: failed ? "FAILED" : "PENDING", attempts, error: message } });
        console.error(`[email] sending ${row.id} failed (attempt ${attempts} of ${EMAIL_MAX_ATTEMPTS}): ${message}`);
        return failed ? "failed" : "retrying";
      }
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** Whether any PENDING row is due now: the poller's cheap check before it queues a drain. */
export async function outboxHasDueMail(): Promise<boolean> {
  const rows = await db().$queryRaw<unknown[]>`
    SELECT 1 FROM email_messages
    WHERE status = 'PENDING' AND created_at + make_interval(secs => ${EMAIL_BACKOFF_SECONDS}::int * (power(2, attempts) - 1)) <= now()
    LIMIT 1`;
  return rows.length > 0;
}
