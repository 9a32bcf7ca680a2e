// From an approver role to a person or a queue, in this order:
//   1. the role's holder (requester's manager; the region's VP, else the first VP Sales up
//      the requester's chain; a group's queue);
//   2. a holder who cannot decide (is the requester, already approves another step of this
//      request, is inactive) → the next manager up the chain, saying why;
//   3. a holder out of office → their delegate in force now, if the delegate is eligible
//      (not the requester, not on another step, active, not out of office themselves;
//      delegation is one hop, never a chain);
//   4. nobody eligible → the policy's fallback group queue, saying why.
// `taken` holds everyone already assigned in this plan, so one person never holds two
// steps: that is the separation of duties the planner can guarantee up front. Group
// queues are checked again at decision time (decide.ts), when the decider is known.
import { absenceAt, activeDelegations, regionVpId, type TIndexedUser, type TOrgIndex } from "./org-index";
import { capitalise, groupName, isoDay } from "./reasons";
import type { TApproverRole, TGroupRole, TPlannedApprover } from "./types";

export type TResolveContext = {
  org: TOrgIndex;
  requesterId: string;
  region: string | null;
  nowMs: number;
  fallbackGroup: TGroupRole;
  /** user id → 0-based index of the stage where they already hold a step. */
  taken: Map<string, number>;
  /** The stage being resolved. */
  stageIndex: number;
};

const MAX_CHAIN = 32; // guards against a cycle in managerId data

export function resolveApprover(role: TApproverRole, ctx: TResolveContext): TPlannedApprover {
  if (role === "MANAGER") return resolveManager(ctx);
  if (role === "REGION_VP") return resolveRegionVp(ctx);
  return resolveGroup(role, ctx);
}

function resolveManager(ctx: TResolveContext): TPlannedApprover {
  const requester = ctx.org.users.get(ctx.requesterId);
  if (!requester) return fallback("MANAGER", ctx, "the requester is not in the org chart, so their manager is unknown");
  if (requester.managerId === null) return fallback("MANAGER", ctx, `${requester.name} has no manager on record`);
  return resolvePerson("MANAGER", requester.managerId, "the requester's manager", ctx);
}

function resolveRegionVp(ctx: TResolveContext): TPlannedApprover {
  const vpId = regionVpId(ctx.org, ctx.region);
  if (vpId !== undefined) return resolvePerson("REGION_VP", vpId, `VP Sales for ${ctx.region}`, ctx);
  const why = ctx.region === null ? "the deal has no region" : `no VP Sales is set for ${ctx.region}`;
  let id = ctx.org.users.get(ctx.requesterId)?.managerId ?? null;
  for (let hops = 0; id !== null && hops < MAX_CHAIN; hops++) {
    const u = ctx.org.users.get(id);
    if (!u) break;
    if (u.role === "VP_SALES") return resolvePerson("REGION_VP", u.id, `the VP Sales in the requester's chain, as ${why}`, ctx);
    id = u.managerId;
  }
  return fallback("REGION_VP", ctx, `${why} and no VP Sales is in the requester's management chain`);
}

function stageText(ctx: TResolveContext, stage: number): string {
  return stage === ctx.stageIndex ? "another step of this stage" : `stage ${stage + 1}`;
}

/** Why this user cannot hold a step of this request at all, or undefined. */
function ineligible(u: TIndexedUser, ctx: TResolveContext): string | undefined {
  if (u.id === ctx.requesterId) return `${u.name} is the requester, and nobody approves their own request`;
  const stage = ctx.taken.get(u.id);
  if (stage !== undefined) return `${u.name} already approves ${stageText(ctx, stage)}`;
  if (!u.active) return `${u.name} is inactive`;
  return undefined;
}

function resolvePerson(role: TApproverRole, startId: string, label: string, ctx: TResolveContext): TPlannedApprover {
  const skipped: string[] = [];
  let id: string | null = startId;
  for (let hops = 0; id !== null && hops < MAX_CHAIN; hops++) {
    const u = ctx.org.users.get(id);
    if (!u) {
      skipped.push(hops === 0 ? `${label} is not in the org chart` : `manager ${id} is not in the org chart`);
      break;
    }
    const why = ineligible(u, ctx);
    if (why !== undefined) {
      skipped.push(hops === 0 ? `${why} (${label})` : why);
      id = u.managerId;
      continue;
    }
    const holder = hops === 0 ? `${u.name} (${label})` : u.name;
    const away = absenceAt(u, ctx.nowMs);
    if (away) return viaDelegate(role, u, `${holder} is out of office until ${isoDay(away.to)}`, skipped, ctx);
    if (skipped.length === 0) return { role, assigneeId: u.id, reason: `${u.name} decides as ${label}` };
    return { role, assigneeId: u.id, via: "escalated", reason: `${u.name} decides up the management chain: ${skipped.join("; ")}` };
  }
  if (id !== null && skipped.length > 0 && ctx.org.users.has(id)) skipped.push("the management chain loops");
  else if (skipped.length > 0) skipped.push("nobody above them can decide");
  return fallback(role, ctx, skipped.join("; "));
}

function viaDelegate(role: TApproverRole, holder: TIndexedUser, awayText: string, skipped: string[], ctx: TResolveContext): TPlannedApprover {
  const before = skipped.length > 0 ? `${skipped.join("; ")}; ` : "";
  const problems: string[] = [];
  for (const d of activeDelegations(ctx.org, holder.id, ctx.nowMs)) {
    const delegate = ctx.org.users.get(d.delegateId);
    if (!delegate) {
      problems.push(`their delegate ${d.delegateId} is not in the org chart`);
      continue;
    }
    const why = ineligible(delegate, ctx) ?? (absenceAt(delegate, ctx.nowMs) ? `${delegate.name} is out of office too` : undefined);
    if (why !== undefined) {
      problems.push(`their delegate cannot decide: ${why}`);
      continue;
    }
    return {
      role,
      assigneeId: delegate.id,
      via: "delegate",
      onBehalfOfId: holder.id,
      reason: `${delegate.name} decides as delegate: ${before}${awayText}`,
    };
  }
  const tail = problems.length > 0 ? problems.join("; ") : "has no delegate for these dates";
  return fallback(role, ctx, `${before}${awayText} and ${tail}`);
}

function fallback(role: TApproverRole, ctx: TResolveContext, why: string): TPlannedApprover {
  const group = ctx.fallbackGroup;
  const count = eligibleMembers(group, ctx).eligible;
  const warning = count === 0 ? `; nobody in ${groupName(group)} can take it either, so an admin must add an eligible member` : "";
  return { role, assigneeId: null, groupRole: group, via: "fallback", reason: `${capitalise(groupName(group))} queue decides: ${why}${warning}` };
}

function eligibleMembers(group: TGroupRole, ctx: TResolveContext): { eligible: number; excluded: string[] } {
  let eligible = 0;
  const excluded: string[] = [];
  for (const id of ctx.org.groups[group] ?? []) {
    const u = ctx.org.users.get(id);
    if (!u || !u.active) continue;
    const stage = ctx.taken.get(id);
    if (id === ctx.requesterId) excluded.push(`${u.name} (the requester)`);
    else if (stage !== undefined) excluded.push(`${u.name} (approves ${stageText(ctx, stage)})`);
    else if (absenceAt(u, ctx.nowMs)) excluded.push(`${u.name} (out of office)`);
    else eligible += 1;
  }
  return { eligible, excluded };
}

function resolveGroup(group: TGroupRole, ctx: TResolveContext): TPlannedApprover {
  const { eligible, excluded } = eligibleMembers(group, ctx);
  const not = excluded.length > 0 ? `; not ${excluded.join(", ")}` : "";
  if (eligible === 0 && group !== ctx.fallbackGroup) {
    return fallback(group, ctx, `nobody in ${groupName(group)} can decide${not}`);
  }
  const who = eligible === 0 ? "nobody can take it right now, so an admin must add an eligible member" : `any of ${eligible} eligible member${eligible === 1 ? "" : "s"} decides`;
  return { role: group, assigneeId: null, groupRole: group, reason: `${capitalise(groupName(group))} queue: ${who}${not}` };
}
