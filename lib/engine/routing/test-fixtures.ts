// Plain-data builders shared by the routing tests (not used at run time).
import type { TRoutingCondition } from "@/lib/schemas/policies/common";
import { ZRoutingPolicy, type TRoutingAction, type TRoutingPolicy, type TRoutingPool } from "@/lib/schemas/policies/routing";
import type { TDirectory, TDirectoryUser } from "./availability";

export const uid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const TEAM_INBOUND = uid(900);
export const TEAM_PARTNER = uid(901);

export function user(n: number, name: string, extra: Partial<TDirectoryUser> = {}): TDirectoryUser {
  return { id: uid(n), name, active: true, timezone: "UTC", ...extra };
}

export function directoryOf(users: TDirectoryUser[]): TDirectory {
  return {
    users: Object.fromEntries(users.map((u) => [u.id, u])),
    teams: { [TEAM_INBOUND]: { name: "Inbound" }, [TEAM_PARTNER]: { name: "Partner" } },
  };
}

export type TRowSpec = { id: string; label?: string; when?: Record<string, TRoutingCondition>; to: TRoutingAction };

/** Builds and parses a policy (so every fixture is a valid body); adds the queue fallback unless told not to. */
export function policyOf(columns: string[], rows: TRowSpec[], pools: TRoutingPool[] = [], fallback = true): TRoutingPolicy {
  const all = rows.map((r) => ({ id: r.id, ...(r.label ? { label: r.label } : {}), conditions: r.when ?? {}, action: r.to }));
  if (fallback) all.push({ id: "fallback", label: "Everything else", conditions: {}, action: { type: "QUEUE", teamId: TEAM_INBOUND } });
  // A body without a fallback is refused by the schema; drafts under edit still reach the engine and lint.
  return fallback ? ZRoutingPolicy.parse({ columns, rows: all, pools }) : ({ columns, rows: all, pools } as TRoutingPolicy);
}

export const queue = (teamId = TEAM_INBOUND): TRoutingAction => ({ type: "QUEUE", teamId });
export const toUser = (n: number): TRoutingAction => ({ type: "USER", userId: uid(n) });
export const toPool = (poolId: string): TRoutingAction => ({ type: "POOL", poolId });
export const toOwner: TRoutingAction = { type: "ACCOUNT_OWNER" };

export function pool(id: string, name: string, members: [number, number?][], extra: Partial<TRoutingPool> = {}): TRoutingPool {
  return { id, name, members: members.map(([n, weight]) => ({ userId: uid(n), weight: weight ?? 1 })), requiredSkills: [], catchUpAfterAbsence: false, ...extra };
}

/** Monday 2026-03-02 10:00 UTC: inside 09:00–17:00 for a UTC user. */
export const MONDAY_10_UTC = new Date("2026-03-02T10:00:00Z");
export const WEEKDAY_9_TO_5 = { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } as TDirectoryUser["workingHours"];
