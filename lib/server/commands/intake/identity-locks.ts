import "server-only";
import type { TSqlTx } from "../../transaction-connection";

/**
 * Takes the transaction-scoped advisory locks on lead identities ("email:…", "ext:…"), so
 * concurrent intakes of one person run one after the other. Single and batch intake both call
 * this, and it locks in ascending order of the lock's own key (the hash), not of the text: two
 * texts may hash alike, and only an order on the locks themselves rules out a cycle between a
 * chunk of 1,000 leads and anyone else. ORDER BY puts a volatile function after the sort.
 */
export async function lockIdentities(tx: TSqlTx, identityKeys: readonly string[]): Promise<void> {
  if (identityKeys.length === 0) return;
  const keys = [...new Set(identityKeys)].map((k) => `lead:${k}`);
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(${keys}::text[]) AS k) AS s ORDER BY h`;
}
