import "server-only";
import type { TSqlTx } from "../../transaction-connection";

/**
 * Row-locks, in id order, the stored leads that carry any of these e-mails or external ids.
 *
 * Identity locks (identity-locks.ts) cover the e-mails and external ids an intake SENDS, not the
 * other identity of a stored lead it matches: an intake naming the lead by its e-mail and another
 * naming it by its external id hold different locks, both merge into it, and the later write undoes
 * the earlier one. Locking the matched rows makes the second wait for the first; the caller's read
 * after this is a new statement, so it sees that merge committed — and no longer matches the lead
 * if the merge changed the identity it named the lead by. Id order: no deadlock between intakes.
 */
export async function lockMatchingLeads(tx: TSqlTx, keys: { emails: readonly string[]; externalIds: readonly string[] }): Promise<void> {
  if (keys.emails.length + keys.externalIds.length === 0) return;
  await tx.$queryRaw`SELECT id FROM leads WHERE email = ANY(${keys.emails}::text[]) OR external_id = ANY(${keys.externalIds}::text[]) ORDER BY id FOR UPDATE`;
}
