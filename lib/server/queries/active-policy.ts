import "server-only";
import { parsePolicyBody, type TPolicyBodyByKind } from "@/lib/schemas/policies";
import type { PolicyKind } from "@/lib/generated/prisma/enums";
import { db } from "../db";
import { invalidState } from "../errors";

/** The published version of a policy kind, its body parsed and typed; refuses when none is published. */
export async function activePolicy<K extends PolicyKind>(kind: K): Promise<{ id: string; version: number; body: TPolicyBodyByKind[K] }> {
  const row = await db().policyVersion.findUnique({ where: { activeKind: kind }, select: { id: true, version: true, body: true } });
  if (!row) throw invalidState(`No ${kind.toLowerCase()} policy is published. RevOps must publish one first.`);
  const parsed = parsePolicyBody(kind, row.body);
  if (!parsed.success) throw new Error(`Published ${kind} policy ${row.id} does not parse: ${parsed.error.message}`);
  return { id: row.id, version: row.version, body: parsed.data };
}
