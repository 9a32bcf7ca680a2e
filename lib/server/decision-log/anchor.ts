import "server-only";
import type { Db } from "../db";
import { anchorProblem } from "@/lib/engine/audit/anchor";
import type { TChainAnchor } from "@/lib/schemas/decision-log-anchor";
import { enqueueWebhook } from "../webhooks/enqueue-webhook";
import { sealDecisionLog } from "./seal";

// Chain heads handed out of the database (ADR 0030). Verification walks the chain and finds any
// entry that does not fit its link; a chain rewritten from some point on by someone with write
// access to every table fits again, so only a copy of an earlier head kept elsewhere can show it.

/** The chain's last link once everything committed is sealed, as an anchor; null while the chain is empty. */
export async function chainHead(client: Db): Promise<TChainAnchor | null> {
  await sealDecisionLog(client, { wait: true });
  const [head] = await client.$queryRaw<{ seq: bigint; hash: string; sealed_at: Date }[]>`
    SELECT seq, hash, sealed_at FROM decision_chain ORDER BY seq DESC LIMIT 1`;
  return head ? { seq: head.seq.toString(), hash: head.hash, sealedAt: head.sealed_at.toISOString() } : null;
}

export type TAnchorCheck = { checked: number; head: bigint; problems: { anchor: TChainAnchor; problem: string }[] };

/** Checks each anchor against the link at its position now (one read for all of them). */
export async function checkAnchors(client: Db, anchors: readonly TChainAnchor[]): Promise<TAnchorCheck> {
  const seqs = [...new Set(anchors.map((a) => a.seq))];
  const [links, [last]] = await Promise.all([
    client.$queryRaw<{ seq: bigint; hash: string }[]>`SELECT seq, hash FROM decision_chain WHERE seq = ANY(${seqs}::bigint[])`,
    client.$queryRaw<{ seq: bigint | null }[]>`SELECT max(seq) AS seq FROM decision_chain`,
  ]);
  const bySeq = new Map(links.map((l) => [l.seq.toString(), l]));
  const head = last?.seq ?? 0n;
  const problems: TAnchorCheck["problems"] = [];
  for (const anchor of anchors) {
    const problem = anchorProblem(anchor, bySeq.get(anchor.seq) ?? null, head);
    if (problem) problems.push({ anchor, problem });
  }
  return { checked: anchors.length, head, problems };
}

/**
 * The worker's job: publishes the chain's head to the webhook endpoints subscribed to
 * "decision_log.anchored", unless that head was published already (the chain has not moved).
 * Returns the anchor published, or null.
 */
export async function publishChainAnchor(client: Db): Promise<TChainAnchor | null> {
  const head = await chainHead(client);
  if (!head) return null;
  const inserted = await client.$executeRaw`
    INSERT INTO decision_log_anchors (seq, hash, sealed_at) VALUES (${head.seq}::bigint, ${head.hash}, ${new Date(head.sealedAt)})
    ON CONFLICT (seq) DO NOTHING`;
  if (inserted === 0) return null;
  await enqueueWebhook("decision_log.anchored", head);
  return head;
}
