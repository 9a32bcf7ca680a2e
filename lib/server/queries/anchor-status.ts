import "server-only";
import type { Db } from "../db";

export type TAnchorStatus = { last: { seq: bigint; hash: string; publishedAt: Date } | null; subscribers: number };

/** The audit page's line on anchors (ADR 0030): the last head published, and who receives them. */
export async function readAnchorStatus(client: Db): Promise<TAnchorStatus> {
  const [last, subscribers] = await Promise.all([
    client.decisionLogAnchor.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true, publishedAt: true } }),
    client.webhookEndpoint.count({ where: { active: true, events: { has: "decision_log.anchored" } } }),
  ]);
  return { last, subscribers };
}
