import "server-only";
import { parsePolicyBody } from "@/lib/schemas/policies";
import type { TSlaPolicy } from "@/lib/schemas/policies/sla";
import type { Tx } from "../db";

// Published policy versions never change, so a parsed body is kept per version id; keeping
// one object also lets the business-time engine reuse the calendars it compiled from it.
const byId = new Map<string, TSlaPolicy>();

export type TSlaPolicyVersion = { id: string; body: TSlaPolicy };

async function parsed(tx: Tx, id: string): Promise<TSlaPolicy> {
  const cached = byId.get(id);
  if (cached) return cached;
  const row = await tx.policyVersion.findUniqueOrThrow({ where: { id }, select: { body: true } });
  const result = parsePolicyBody("SLA", row.body);
  if (!result.success) throw new Error(`SLA policy version ${id} does not parse: ${result.error.message}`);
  if (byId.size > 64) byId.clear();
  byId.set(id, result.data);
  return result.data;
}

/** The published SLA policy, or null when none is published (then no clock starts). */
export async function publishedSlaPolicy(tx: Tx): Promise<TSlaPolicyVersion | null> {
  const head = await tx.policyVersion.findUnique({ where: { activeKind: "SLA" }, select: { id: true } });
  return head ? { id: head.id, body: await parsed(tx, head.id) } : null;
}

/** The policy version a clock was started under (its rules stay those it started with). */
export async function slaPolicyVersion(tx: Tx, id: string): Promise<TSlaPolicy> {
  return parsed(tx, id);
}
