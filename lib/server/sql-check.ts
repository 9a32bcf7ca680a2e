import "server-only";

// arbiter_check(ok, message) (migration 20261122110814_checked_writes) makes a statement fail
// unless `ok`: a write sent in a transaction's last flight, ahead of COMMIT, cannot be checked
// by the app from its answer (COMMIT is already on its way), so it checks itself in the
// database and aborts the transaction when it missed (ADR 0029).

/** The SQLSTATE arbiter_check raises. */
export const CHECK_FAILED = "ARB01";

/** The message of a failed arbiter_check, or null for any other error. */
export function failedCheck(error: unknown): string | null {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e && e.code === CHECK_FAILED && typeof e.message === "string" ? e.message : null;
}
