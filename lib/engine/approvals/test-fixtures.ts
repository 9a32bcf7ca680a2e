// Shared test data: a small org chart with two regions, and request builders. Not a test
// file itself; the approval tests import it.
import { defaultApprovalPolicy } from "@/lib/schemas/policies/default-commercial";
import type { TApprovalRequest, TDelegation, TOrgChart, TOrgUser, TRequestedDeviation } from "./types";

export const NOW = new Date("2026-03-04T10:00:00Z");
export const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
export const policy = defaultApprovalPolicy();

/**
 * The discount ladder configured the other way ("the most senior rung only"): bounded
 * bands, not cumulative, so 27% needs the VP alone. Tests of decision semantics use it for
 * its shorter chains; the planner tests prove both configurations.
 */
export const seniorOnlyPolicy: typeof policy = {
  ...policy,
  tiers: policy.tiers.map((t) => {
    if (t.id === "discount-manager") return { ...t, when: { ...t.when, maxDiscountPct: 20 }, cumulative: false };
    if (t.id === "discount-vp") return { ...t, when: { ...t.when, maxDiscountPct: 40 }, cumulative: false };
    if (t.id === "discount-deal-desk") return { ...t, cumulative: false };
    return t;
  }),
};

const user = (id: string, role: TOrgUser["role"], managerId: string | null, region: string | null, extra: Partial<TOrgUser> = {}): TOrgUser => ({
  id,
  name: id.charAt(0).toUpperCase() + id.slice(1),
  role,
  managerId,
  region,
  active: true,
  absences: [],
  ...extra,
});

// cora (EXEC) ← victor (VP EMEA) ← mona (manager EMEA) ← rita (rep EMEA)
//             ← vera (VP NA)     ← max (manager NA)   ← ned (rep NA)
// victor also manages paul (rep EMEA) directly, so for paul the manager IS the region VP.
export const baseUsers: TOrgUser[] = [
  user("cora", "EXEC", null, null),
  user("victor", "VP_SALES", "cora", "EMEA"),
  user("vera", "VP_SALES", "cora", "NA"),
  user("mona", "SALES_MANAGER", "victor", "EMEA"),
  user("sam", "SALES_MANAGER", "victor", "EMEA"),
  user("max", "SALES_MANAGER", "vera", "NA"),
  user("rita", "REP", "mona", "EMEA"),
  user("paul", "REP", "victor", "EMEA"),
  user("ned", "REP", "max", "NA"),
  user("orphan", "REP", null, "EMEA"),
  user("dana", "DEAL_DESK", "cora", null),
  user("dave", "DEAL_DESK", "cora", null),
  user("fiona", "FINANCE", "cora", null),
  user("finn", "FINANCE", "cora", null),
  user("lea", "LEGAL", "cora", null),
  user("leo", "LEGAL", "cora", null),
];

export function org(changes: { users?: Record<string, Partial<TOrgUser>>; delegations?: TDelegation[]; groups?: Partial<TOrgChart["groups"]>; regionVps?: Record<string, string> } = {}): TOrgChart {
  return {
    users: baseUsers.map((u) => ({ ...u, ...(changes.users?.[u.id] ?? {}) })),
    delegations: changes.delegations ?? [],
    regionVps: changes.regionVps ?? { EMEA: "victor", NA: "vera" },
    groups: { DEAL_DESK: ["dana", "dave"], FINANCE: ["fiona", "finn"], LEGAL: ["lea", "leo"], ...changes.groups },
  };
}

/** A $10,000, 12-month EMEA deal by rita (ACV below the $25K enterprise tier). */
export function request(deviations: TRequestedDeviation[], deal: Partial<TApprovalRequest["deal"]> = {}, requesterId = "rita"): TApprovalRequest {
  return { requesterId, deviations, deal: { amountCents: 1_000_000, termMonths: 12, region: "EMEA", ...deal } };
}

export const discount = (discountPct: number): TRequestedDeviation => ({ type: "DISCOUNT", discountPct });
export const net = (paymentTermsDays: number): TRequestedDeviation => ({ type: "PAYMENT_TERMS", paymentTermsDays });
export const years = (termMonths: number): TRequestedDeviation => ({ type: "MULTI_YEAR", termMonths });
export const legal: TRequestedDeviation = { type: "CUSTOM_LEGAL", clause: "Uncapped liability for data breaches" };
