// The org chart as lookups: users by id, absences and delegations as epoch-ms intervals.
// Built once per org-chart object (WeakMap) so a caller planning many requests against
// the same loaded chart pays for it once.
import type { TGroupRole, TOrgChart, TOrgUser } from "./types";

type TSpan = { from: number; to: number };
export type TIndexedUser = TOrgUser & { spans: readonly TSpan[] };
export type TIndexedDelegation = TSpan & { delegateId: string };

export type TOrgIndex = {
  users: ReadonlyMap<string, TIndexedUser>;
  delegationsFrom: ReadonlyMap<string, readonly TIndexedDelegation[]>;
  regionVps: Readonly<Record<string, string>>;
  groups: Readonly<Record<TGroupRole, readonly string[]>>;
};

const indexes = new WeakMap<TOrgChart, TOrgIndex>();

export function indexOrgChart(chart: TOrgChart): TOrgIndex {
  const cached = indexes.get(chart);
  if (cached) return cached;
  const users = new Map<string, TIndexedUser>();
  for (const u of chart.users) {
    users.set(u.id, { ...u, spans: u.absences.map((a) => ({ from: a.startsAt.getTime(), to: a.endsAt.getTime() })) });
  }
  const delegationsFrom = new Map<string, TIndexedDelegation[]>();
  for (const d of chart.delegations) {
    const list = delegationsFrom.get(d.delegatorId) ?? [];
    list.push({ from: d.startsAt.getTime(), to: d.endsAt.getTime(), delegateId: d.delegateId });
    delegationsFrom.set(d.delegatorId, list);
  }
  const index: TOrgIndex = { users, delegationsFrom, regionVps: chart.regionVps, groups: chart.groups };
  indexes.set(chart, index);
  return index;
}

export function covers(span: TSpan, nowMs: number): boolean {
  return span.from <= nowMs && nowMs < span.to;
}

/** The absence covering now, if any. */
export function absenceAt(user: TIndexedUser, nowMs: number): TSpan | undefined {
  for (const s of user.spans) if (covers(s, nowMs)) return s;
  return undefined;
}

/** Delegations from `delegatorId` in force now, in the order the caller loaded them. */
export function activeDelegations(org: TOrgIndex, delegatorId: string, nowMs: number): TIndexedDelegation[] {
  const list = org.delegationsFrom.get(delegatorId);
  if (!list) return [];
  return list.filter((d) => covers(d, nowMs));
}

export function regionVpId(org: TOrgIndex, region: string | null): string | undefined {
  if (region === null || !Object.hasOwn(org.regionVps, region)) return undefined;
  return org.regionVps[region];
}
