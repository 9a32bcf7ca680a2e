import "server-only";
import { compileMatrix, type RoutingExplanation } from "@/lib/engine/routing";
import type { TRoutingPolicy } from "@/lib/schemas/policies/routing";

// The explanation as the decision log's reasons: a few plain sentences a rep can read on the
// lead page. Long lists are cut to their first few items plus a count; the full detail
// (every earlier row, every skipped member) stays in the entry's output.
const EARLIER_ROWS_SHOWN = 3;
const SKIPPED_SHOWN = 10;

function listWithRest(items: readonly string[], shown: number, rest: (n: number) => string): string {
  const head = items.slice(0, shown);
  if (items.length > shown) head.push(rest(items.length - shown));
  return head.join("; ");
}

export function routingReasons(policy: TRoutingPolicy, explanation: RoutingExplanation): string[] {
  const reasons = [explanation.sentence];
  // Every decision names the matrix version it used, so a rep can tell which rules applied.
  const matched = explanation.matchedRow;
  if (explanation.policyVersion !== undefined) {
    reasons.push(
      matched
        ? `Decided by row ${matched.rowNumber} (${matched.label}) of routing policy version ${explanation.policyVersion}.`
        : `No row of routing policy version ${explanation.policyVersion} could assign the lead.`,
    );
  }
  const before = explanation.rowsBefore;
  if (before.length > 0) {
    const misses = before.map((m) => `row ${m.rowNumber} (${m.label}): ${m.failed}`);
    reasons.push(`Earlier rows that did not match — ${listWithRest(misses, EARLIER_ROWS_SHOWN, (n) => `and ${n} more`)}.`);
  }
  for (const f of explanation.fellThrough) reasons.push(`Row ${f.rowNumber} (${f.label}) matched but could not assign: ${f.why}.`);
  const pools = compileMatrix(policy).pools;
  const byPool = new Map<string, string[]>();
  for (const s of explanation.skipped) {
    const list = byPool.get(s.poolId) ?? [];
    list.push(`${s.name} (${s.detail})`);
    byPool.set(s.poolId, list);
  }
  for (const [poolId, names] of byPool) {
    reasons.push(`Skipped in pool ${pools.get(poolId)?.name ?? poolId}: ${listWithRest(names, SKIPPED_SHOWN, (n) => `${n} more`)}.`);
  }
  return reasons;
}
