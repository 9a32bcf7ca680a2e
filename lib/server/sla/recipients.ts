import "server-only";
import type { TEscalationTargetName } from "@/lib/engine/sla/clock-plan";
import type { SlaClock } from "@/lib/generated/prisma/client";
import type { Tx } from "../db";

// Who an SLA effect notifies: OWNER = the clock's owner (the queue team's manager for a
// queued record), MANAGER = the owner's manager (else their team's manager), REGION_VP =
// active VPs of Sales in the record's region (all of them when the region has none),
// DEAL_DESK / REVOPS / EXEC = every active user with that role.

const ROLE_OF: Partial<Record<TEscalationTargetName, "VP_SALES" | "DEAL_DESK" | "REVOPS" | "EXEC">> = { REGION_VP: "VP_SALES", DEAL_DESK: "DEAL_DESK", REVOPS: "REVOPS", EXEC: "EXEC" };

export const TARGET_WORDS: Record<TEscalationTargetName, string> = {
  OWNER: "the owner",
  MANAGER: "the owner's manager",
  REGION_VP: "the region's VP of Sales",
  DEAL_DESK: "the deal desk",
  REVOPS: "RevOps",
  EXEC: "the executives",
};

export type TRecipientResolver = (clock: Pick<SlaClock, "ownerId" | "teamId">, targets: readonly TEscalationTargetName[]) => string[];

/** Loads, in three queries, everything needed to resolve the targets of the given clocks. */
export async function recipientResolver(tx: Tx, clocks: readonly Pick<SlaClock, "ownerId" | "teamId">[]): Promise<TRecipientResolver> {
  const ownerIds = [...new Set(clocks.map((c) => c.ownerId).filter((id): id is string => id !== null))];
  const [owners, roleHolders] = await Promise.all([
    ownerIds.length === 0 ? [] : tx.user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, managerId: true, teamId: true, region: true } }),
    tx.user.findMany({ where: { active: true, role: { in: ["VP_SALES", "DEAL_DESK", "REVOPS", "EXEC"] } }, select: { id: true, role: true, region: true } }),
  ]);
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  const teamIds = [...new Set([...clocks.map((c) => c.teamId), ...owners.map((o) => o.teamId)].filter((id): id is string => id !== null))];
  const teams = teamIds.length === 0 ? [] : await tx.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, managerId: true, region: true } });
  const teamById = new Map(teams.map((t) => [t.id, t]));

  return (clock, targets) => {
    const owner = clock.ownerId ? ownerById.get(clock.ownerId) : undefined;
    const team = teamById.get(owner?.teamId ?? clock.teamId ?? "") ?? teamById.get(clock.teamId ?? "");
    const region = owner?.region ?? team?.region ?? null;
    const ids = new Set<string>();
    for (const target of targets) {
      if (target === "OWNER") {
        const id = clock.ownerId ?? team?.managerId;
        if (id) ids.add(id);
      } else if (target === "MANAGER") {
        const id = owner?.managerId ?? team?.managerId;
        if (id && id !== clock.ownerId) ids.add(id);
      } else {
        const role = ROLE_OF[target]!;
        const holders = roleHolders.filter((u) => u.role === role);
        const inRegion = target === "REGION_VP" ? holders.filter((u) => u.region === region) : holders;
        for (const u of inRegion.length > 0 ? inRegion : holders) ids.add(u.id);
      }
    }
    return [...ids];
  };
}
