import "server-only";
import { env } from "../../env";

/**
 * Transaction options for single and batch intake. Waiting for a pooled connection may take
 * as long as the pool allows, not Prisma's 2 s default: a burst queues rather than fails.
 * The transaction may run up to a minute, not Prisma's 5 s: an intake routing into a pool
 * waits for that pool's row lock, which a batch chunk of 500 leads holds until it commits
 * (ADR 0012), and several chunks may be queued ahead of it. Waiting is correct there — the
 * alternative is to fail a valid lead — and the row-lock queue is first come, first served.
 */
export function intakeTransactionOptions() {
  return { maxWait: env().DATABASE_POOL_ACQUIRE_MS, timeout: INTAKE_TRANSACTION_MS };
}

/** How long an intake transaction may run (single intake's pg transaction waits for its connection as long as the pool allows). */
export const INTAKE_TRANSACTION_MS = 60_000;
