import type { TRoutingCondition } from "./common";
import type { TRoutingPolicy, TRoutingRow } from "./routing";

// The starting routing matrix, built from the org the installation has (the seed, or an
// admin's first setup): named accounts to their owner, partner leads to the partner team,
// language-skilled pools before the general regional pools, and a queue as the fallback.

export type TDefaultPool = {
  id: string;
  name: string;
  region: string;
  /** SMB, MID_MARKET, ENTERPRISE — one pool may serve several segments. */
  segments: string[];
  /** Set for a language pool: only leads in this language (ISO 639-1) reach it. */
  language?: string;
  members: { userId: string; weight: number; capPerDay?: number; capPerWeek?: number }[];
  requiredSkills?: string[];
};

export type TDefaultRoutingContext = {
  pools: TDefaultPool[];
  /** The queue that catches every lead no earlier row places. */
  fallbackTeamId: string;
  /** Partner-sourced leads go to this team's queue (channel motion); skipped when absent. */
  partnerTeamId?: string;
};

const oneOrMany = (values: string[]): TRoutingCondition =>
  values.length === 1 ? { op: "equals", value: values[0]! } : { op: "in", values };

const SEGMENT_LABEL: Record<string, string> = { SMB: "SMB", MID_MARKET: "Mid-market", ENTERPRISE: "Enterprise" };

export function defaultRoutingPolicy(ctx: TDefaultRoutingContext): TRoutingPolicy {
  const rows: TRoutingRow[] = [
    {
      id: "named-accounts",
      label: "Named accounts → account owner",
      kpiNote: "Customer experience: a named account always hears from the rep who knows it",
      conditions: { isNamedAccount: { op: "equals", value: true } },
      action: { type: "ACCOUNT_OWNER" },
    },
  ];
  if (ctx.partnerTeamId) {
    rows.push({
      id: "partner-sourced",
      label: "Partner-sourced → partner team",
      kpiNote: "Fairness: partner registrations are worked by the channel team, not raced by direct reps",
      conditions: { isPartnerSourced: { op: "equals", value: true } },
      action: { type: "QUEUE", teamId: ctx.partnerTeamId },
    });
  }
  // Language pools are narrower than their regional pool, so they come first.
  const ordered = [...ctx.pools.filter((p) => p.language), ...ctx.pools.filter((p) => !p.language)];
  for (const pool of ordered) {
    const conditions: Record<string, TRoutingCondition> = {
      region: { op: "equals", value: pool.region },
      segment: oneOrMany(pool.segments),
    };
    if (pool.language) conditions.language = { op: "equals", value: pool.language };
    const segments = pool.segments.map((s) => SEGMENT_LABEL[s] ?? s).join(" + ");
    rows.push({
      id: `pool-${pool.id}`,
      label: `${pool.region} · ${segments}${pool.language ? ` · ${pool.language.toUpperCase()}` : ""} → ${pool.name}`,
      kpiNote: pool.language
        ? "Customer experience: leads are answered in their own language"
        : "Speed and fairness: weighted round-robin among reps on shift",
      conditions,
      action: { type: "POOL", poolId: pool.id },
    });
  }
  rows.push({
    id: "fallback",
    label: "Everything else → inbound queue",
    kpiNote: "Speed: no lead is ever left without an owner",
    conditions: {},
    action: { type: "QUEUE", teamId: ctx.fallbackTeamId },
  });

  return {
    columns: ["isNamedAccount", "isPartnerSourced", "region", "segment", "language"],
    rows,
    pools: ctx.pools.map((p) => ({
      id: p.id,
      name: p.name,
      members: p.members.map((m) => ({
        userId: m.userId,
        weight: m.weight,
        ...(m.capPerDay !== undefined ? { capPerDay: m.capPerDay } : {}),
        ...(m.capPerWeek !== undefined ? { capPerWeek: m.capPerWeek } : {}),
      })),
      requiredSkills: p.requiredSkills ?? (p.language ? [`lang:${p.language}`] : []),
      catchUpAfterAbsence: false,
    })),
  };
}
