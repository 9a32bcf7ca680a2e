import "server-only";
import type PgBoss from "pg-boss";
import { outboxHasDueMail } from "./send-outbox";
import { closeMailer } from "./transport";

export const OUTBOX_POLL_MS = 3_000;

/**
 * The durable kick for the e-mail outbox. Mails are written by whatever transaction created
 * their notification (intake, approvals, SLA jobs…), which cannot queue a job itself. So the
 * worker looks every few seconds for a due PENDING row and, if there is one, queues one
 * "email.send" drain job. The queue's "short" policy keeps at most one such job waiting, so
 * several workers polling at once still add one job.
 */
export function startOutboxPoller(boss: PgBoss, options: { everyMs?: number } = {}): { stop: () => void } {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      if (await outboxHasDueMail()) await boss.send("email.send", {});
    } catch (error) {
      console.error("[email] outbox poll failed", error);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.everyMs ?? OUTBOX_POLL_MS);
  void tick();
  return {
    stop: () => {
      clearInterval(timer);
      closeMailer();
    },
  };
}
