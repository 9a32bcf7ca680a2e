import "server-only";
import { parsePolicyBody } from "@/lib/schemas/policies";
import type { TSlaPolicy } from "@/lib/schemas/policies/sla";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TSqlTx } from "../transaction-connection";

// Published policy versions never change, so a parsed body is kept per version id; keeping
// one object also lets the business-time engine reuse the calendars it compiled from it.
const byId = new Map<string, TSlaPolicy>();

export type TSlaPolicyVersion = { id: string; body: TSlaPolicy };

async function parsed(tx: TSqlTx, id: string): Promise<TSlaPolicy> {
  const cached = byId.get(id);
  if (cached) return cached;
  // Raw reads: the approval commands run on a PgTransaction, which has no model queries (ADR 0025).
  const [row] = await tx.$queryRaw<{ body: unknown }[]>(Prisma.sql`SELECT body FROM policy_versions WHERE id = ${id}::uuid`);
  if (!row) throw new Error(`SLA policy version ${id} does not exist`);
  const result = parsePolicyBody("SLA", row.body);
  if (!result.success) throw new Error(`SLA policy version ${id} does not parse: ${result.error.message}`);
  if (byId.size > 64) byId.clear();
  byId.set(id, result.data);
  return result.data;
}

/** The published SLA policy, or null when none is published (then no clock starts). */
export async function publishedSlaPolicy(tx: TSqlTx): Promise<TSlaPolicyVersion | null> {
  const [head] = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT id::text FROM policy_versions WHERE active_kind = 'SLA'`);
  return head ? { id: head.id, body: await parsed(tx, head.id) } : null;
}

/** The policy version a clock was started under (its rules stay those it started with). */
export async function slaPolicyVersion(tx: TSqlTx, id: string): Promise<TSlaPolicy> {
  return parsed(tx, id);
}
