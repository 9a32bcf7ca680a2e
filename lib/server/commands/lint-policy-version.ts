import "server-only";
import { lintRoutingPolicy } from "@/lib/engine/routing";
import { parsePolicyBody } from "@/lib/schemas/policies";
import type { TRoutingPolicy } from "@/lib/schemas/policies/routing";
import type { TPolicyKind } from "@/lib/schemas/policy-inputs";
import { db, type Db, type Tx } from "../db";
import { notFound, type TFieldErrors } from "../errors";
import { createDirectoryLoader } from "../routing/load-directory";

/** One finding in plain words; `field` is where it lives in the body ("rows.3", "pools.0"), as forms and 422s key errors. */
export type TPolicyLintIssue = { code: string; message: string; field: string; rowId?: string; rowNumber?: number };
export type TPolicyLint = { ok: boolean; errors: TPolicyLintIssue[]; warnings: TPolicyLintIssue[] };

/**
 * Lint for any policy body. Routing matrices get the engine's lint against the live
 * directory (only the users the matrix names are loaded); other kinds have no lint of
 * their own yet, so their schema validation is their lint — every kind answers the same way.
 */
export async function lintPolicyBody(client: Db | Tx, kind: TPolicyKind, body: unknown, now = new Date()): Promise<TPolicyLint> {
  const parsed = parsePolicyBody(kind, body);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ code: "INVALID", message: i.message, field: i.path.map(String).join(".") || "_" }));
    return { ok: false, errors, warnings: [] };
  }
  if (kind !== "ROUTING") return { ok: true, errors: [], warnings: [] };

  const policy = parsed.data as TRoutingPolicy;
  const userIds = new Set<string>();
  for (const row of policy.rows) if (row.action.type === "USER") userIds.add(row.action.userId);
  for (const pool of policy.pools) for (const m of pool.members) userIds.add(m.userId);
  const directory = await createDirectoryLoader(client, now).load({ userIds, teamIds: [] });
  const result = lintRoutingPolicy(policy, { directory });

  const rowIndex = new Map(policy.rows.map((r, i) => [r.id, i]));
  const poolIndex = new Map(policy.pools.map((p, i) => [p.id, i]));
  const toIssue = (i: (typeof result.errors)[number]): TPolicyLintIssue => {
    // Zod-style 0-based paths, so a lint error and a schema error on the same row share a key.
    const row = i.rowId !== undefined ? rowIndex.get(i.rowId) : undefined;
    const pool = i.poolId !== undefined ? poolIndex.get(i.poolId) : undefined;
    const field = row !== undefined ? `rows.${row}` : pool !== undefined ? `pools.${pool}` : "_";
    return { code: i.code, message: i.message, field, ...(i.rowId ? { rowId: i.rowId } : {}), ...(i.rowNumber ? { rowNumber: i.rowNumber } : {}) };
  };
  return { ok: result.ok, errors: result.errors.map(toIssue), warnings: result.warnings.map(toIssue) };
}

/** Lint one stored version (any status): what the lint endpoint and the policy page show. */
export async function lintPolicyVersion(versionId: string): Promise<TPolicyLint & { versionId: string; kind: TPolicyKind; version: number }> {
  const row = await db().policyVersion.findUnique({ where: { id: versionId }, select: { id: true, kind: true, version: true, body: true } });
  if (!row) throw notFound("That policy version");
  return { versionId: row.id, kind: row.kind, version: row.version, ...(await lintPolicyBody(db(), row.kind, row.body)) };
}

/** Lint errors keyed by field, for a 422. */
export function lintFieldErrors(lint: TPolicyLint): TFieldErrors {
  const fields: TFieldErrors = {};
  for (const e of lint.errors) (fields[e.field] ??= []).push(e.message);
  return fields;
}
