// Helpers for routing tests: plain users for pools, and publishing a routing matrix through
// the real commands (draft → publish).
import { randomUUID } from "node:crypto";
import { createPolicyDraft } from "@/lib/server/commands/create-policy-draft";
import { publishPolicyVersion } from "@/lib/server/commands/publish-policy-version";
import { db } from "@/lib/server/db";
import type { TRoutingPolicy } from "@/lib/schemas/policies/routing";

/** Active reps with no working-hours restriction ({}), no caps, UTC. */
export async function makeReps(count: number, prefix: string): Promise<{ id: string; name: string }[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    email: `${prefix}-${i}-${randomUUID().slice(0, 6)}@routing.test`,
    name: `${prefix} ${i}`,
    role: "REP" as const,
    passwordHash: "not-a-login",
  }));
  await db().user.createMany({ data: rows });
  return rows.map(({ id, name }) => ({ id, name }));
}

/** Publishes a matrix whose first row sends every lead to `pool`, then a queue fallback. */
export async function publishPoolMatrix(pool: TRoutingPolicy["pools"][number], opts: { actorId: string; fallbackTeamId: string }): Promise<string> {
  const body: TRoutingPolicy = {
    columns: ["region"],
    rows: [
      { id: "everyone", label: "Everyone", conditions: {}, action: { type: "POOL", poolId: pool.id } },
      { id: "fallback", label: "Fallback", conditions: {}, action: { type: "QUEUE", teamId: opts.fallbackTeamId } },
    ],
    pools: [pool],
  };
  const draft = await createPolicyDraft({ actor: { id: opts.actorId }, kind: "ROUTING", input: { name: `Pool ${pool.id}`, body } });
  await publishPolicyVersion({ actor: { id: opts.actorId }, versionId: draft.id, input: { changeNote: `Route everyone to ${pool.id}`, kpi: "FAIRNESS" } });
  return draft.id;
}

/** Assigned-lead counts per owner id (owners with none are absent). */
export async function ownerCounts(leadIds: readonly string[]): Promise<Map<string, number>> {
  const groups = await db().lead.groupBy({ by: ["ownerId"], where: { id: { in: [...leadIds] } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.ownerId ?? "none", g._count._all]));
}
