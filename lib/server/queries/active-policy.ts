import "server-only";
import { parsePolicyBody, type TPolicyBodyByKind } from "@/lib/schemas/policies";
import type { PolicyKind } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { pgRows } from "../pg-transaction";
import { invalidState } from "../errors";

// Published versions never change, so a parsed body can be kept per version id. Keeping the
// same object also lets the engines reuse what they compiled from it (they cache per object).
const parsedById = new Map<string, unknown>();
const CACHE_LIMIT = 64;

/** The published version of a policy kind, its body parsed and typed; refuses when none is published. */
export async function activePolicy<K extends PolicyKind>(kind: K): Promise<{ id: string; version: number; body: TPolicyBodyByKind[K] }> {
  const [policy] = await activePolicies([kind] as const);
  return policy;
}

/**
 * The published versions of several kinds at once, in one statement over pg: every submission
 * and intake asks (intake for three kinds: one round trip instead of three), and pg costs less
 * Node CPU than Prisma's raw-query path (ADR 0024, 0027). Refuses when one is not published.
 */
export async function activePolicies<const K extends readonly PolicyKind[]>(kinds: K): Promise<{ [I in keyof K]: { id: string; version: number; body: TPolicyBodyByKind[K[I]] } }> {
  const heads = await pgRows<{ kind: PolicyKind; id: string; version: number }>(
    Prisma.sql`SELECT active_kind::text AS kind, id::text, version FROM policy_versions WHERE active_kind::text = ANY(${[...kinds]}::text[])`,
  );
  const byKind = new Map(heads.map((h) => [h.kind, { id: h.id, version: h.version }]));
  return Promise.all(kinds.map((kind) => activePolicyFrom(kind, byKind.get(kind) ?? null))) as never;
}

/** activePolicy for a head (id, version) the caller read with a statement of its own. */
export async function activePolicyFrom<K extends PolicyKind>(kind: K, head: { id: string; version: number } | null): Promise<{ id: string; version: number; body: TPolicyBodyByKind[K] }> {
  if (!head) throw invalidState(`No ${kind.toLowerCase()} policy is published. RevOps must publish one first.`);
  const cached = parsedById.get(head.id);
  if (cached) return { ...head, body: cached as TPolicyBodyByKind[K] };
  const row = await db().policyVersion.findUniqueOrThrow({ where: { id: head.id }, select: { body: true } });
  const parsed = parsePolicyBody(kind, row.body);
  if (!parsed.success) throw new Error(`Published ${kind} policy ${head.id} does not parse: ${parsed.error.message}`);
  if (parsedById.size >= CACHE_LIMIT) parsedById.clear();
  parsedById.set(head.id, parsed.data);
  return { ...head, body: parsed.data };
}
