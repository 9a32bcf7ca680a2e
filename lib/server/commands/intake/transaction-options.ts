/**
 * How long an intake transaction (single intake's, or a batch chunk's) may run: a minute, not
 * the few seconds a request usually takes. An intake routing into a pool waits for that pool's
 * row lock, which a batch chunk of 500 leads holds until it commits (ADR 0012), and several
 * chunks may be queued ahead of it. Waiting is correct there — the alternative is to fail a
 * valid lead — and the row-lock queue is first come, first served. Waiting for a pooled
 * connection is bounded by the pool (DATABASE_POOL_ACQUIRE_MS): a burst queues rather than fails.
 */
export const INTAKE_TRANSACTION_MS = 60_000;
