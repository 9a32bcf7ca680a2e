import { describe, expect, it } from "vitest";
import { defaultLifecyclePolicy } from "@/lib/schemas/policies/default-governance";
import { ZLifecyclePolicy } from "@/lib/schemas/policies/lifecycle";
import { planTransition, type TLifecycleLead, type TTransitionRequest } from "./transitions";

const policy = ZLifecyclePolicy.parse(defaultLifecyclePolicy());
const NOW = new Date("2026-06-01T12:00:00Z");
const DAY = 86_400_000;
const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY);
const mql = { total: 72, isMql: true };
const notMql = { total: 41, isMql: false };
const recycled = (activities: TLifecycleLead["activities"], score = mql): TLifecycleLead => ({ stage: "RECYCLED", recycledAt: at(30), activities, score });

type TCase = [string, TLifecycleLead, Omit<TTransitionRequest, "now">, { ok: true; reasons: string[]; notifyLastOwner?: boolean } | { ok: false; error: string }];

const cases: TCase[] = [
  ["owner accepts an MQL", { stage: "MQL" }, { to: "SQL", actorRole: "REP" }, { ok: true, reasons: ["MQL → SQL by REP"] }],
  ["an admin may act for the owner", { stage: "MQL" }, { to: "SQL", actorRole: "ADMIN" }, { ok: true, reasons: ["MQL → SQL by ADMIN"] }],
  [
    "owner rejects with a recycling reason",
    { stage: "MQL" },
    { to: "RECYCLED", actorRole: "REP", reasonCode: "NO_BUDGET" },
    { ok: true, reasons: ["MQL → RECYCLED by REP", "Reason NO_BUDGET: No budget this year"] },
  ],
  [
    "owner rejects with a disqualifying reason",
    { stage: "MQL" },
    { to: "DISQUALIFIED", actorRole: "REP", reasonCode: "COMPETITOR" },
    { ok: true, reasons: ["MQL → DISQUALIFIED by REP", "Reason COMPETITOR: Works for a competitor"] },
  ],
  [
    "rejection without a reason",
    { stage: "MQL" },
    { to: "RECYCLED", actorRole: "REP" },
    { ok: false, error: "MQL → RECYCLED needs a reason code: one of NO_BUDGET, BAD_TIMING, NO_AUTHORITY, NO_RESPONSE, NOT_A_FIT, COMPETITOR, EXISTING_CUSTOMER, SPAM" },
  ],
  [
    "rejection with an unknown reason",
    { stage: "MQL" },
    { to: "RECYCLED", actorRole: "REP", reasonCode: "MEH" },
    { ok: false, error: 'Unknown reason code "MEH": use one of NO_BUDGET, BAD_TIMING, NO_AUTHORITY, NO_RESPONSE, NOT_A_FIT, COMPETITOR, EXISTING_CUSTOMER, SPAM' },
  ],
  [
    "a disqualifying reason cannot recycle",
    { stage: "MQL" },
    { to: "RECYCLED", actorRole: "REP", reasonCode: "SPAM" },
    { ok: false, error: "Reason SPAM (Spam or fake details) sends a lead to DISQUALIFIED, not RECYCLED" },
  ],
  [
    "only the stage owner role accepts",
    { stage: "MQL" },
    { to: "SQL", actorRole: "FINANCE" },
    { ok: false, error: "Only the MQL stage's owner (REP) can move a lead out of MQL; you act as FINANCE" },
  ],
  ["a manual step needs a person", { stage: "MQL" }, { to: "SQL" }, { ok: false, error: "MQL → SQL is a manual step: a person has to make it" }],
  [
    "forbidden transition",
    { stage: "MQL" },
    { to: "CUSTOMER", actorRole: "REP" },
    { ok: false, error: "The lifecycle policy does not allow moving a lead from MQL to CUSTOMER. From MQL it allows: SQL, RECYCLED, DISQUALIFIED." },
  ],
  [
    "nothing leaves a final stage",
    { stage: "DISQUALIFIED" },
    { to: "LEAD", actorRole: "ADMIN" },
    { ok: false, error: "The lifecycle policy does not allow moving a lead from DISQUALIFIED to LEAD. DISQUALIFIED is final: no move out of it is allowed." },
  ],
  ["same stage", { stage: "SQL" }, { to: "SQL", actorRole: "REP" }, { ok: false, error: "The lead is already in SQL" }],
  [
    "score crossing the threshold makes an MQL",
    { stage: "LEAD", score: mql },
    { to: "MQL" },
    { ok: true, reasons: ["LEAD → MQL is automatic", "The score (72) qualifies the lead as an MQL"] },
  ],
  ["no MQL without a qualifying score", { stage: "LEAD", score: notMql }, { to: "MQL" }, { ok: false, error: "The lead's score (41) does not qualify it as an MQL" }],
  [
    "a person cannot make an MQL by hand",
    { stage: "LEAD", score: mql },
    { to: "MQL", actorRole: "REVOPS" },
    { ok: false, error: "LEAD → MQL happens automatically (when its conditions are met); a person cannot make it by hand" },
  ],
  [
    "recycled lead with new intent requalifies",
    recycled([{ type: "demo_request", occurredAt: at(1) }, { type: "email_click", occurredAt: at(1) }]),
    { to: "MQL" },
    {
      ok: true,
      notifyLastOwner: true,
      reasons: [
        "RECYCLED → MQL is automatic",
        "New high-intent activity since recycling (1 × demo_request) requalifies the lead",
        "The score (72) qualifies the lead as an MQL",
        "Alert the last owner: their recycled lead is back",
      ],
    },
  ],
  [
    "recycled lead with new intent but a low re-score stays recycled",
    recycled([{ type: "pricing_page_visit", occurredAt: at(1) }], notMql),
    { to: "MQL" },
    { ok: false, error: "The lead's score (41) does not qualify it as an MQL" },
  ],
  [
    "low-intent activity does not requalify",
    recycled([{ type: "email_click", occurredAt: at(1) }]),
    { to: "MQL" },
    { ok: false, error: "No new high-intent activity (demo_request, pricing_page_visit, product_signup) since the lead became eligible to requalify" },
  ],
  [
    // recycled 30 days ago, eligible from day 14: intent on day 10 (20 days ago) is too early
    "intent inside the waiting period does not count",
    recycled([{ type: "demo_request", occurredAt: at(20) }]),
    { to: "MQL" },
    { ok: false, error: "No new high-intent activity (demo_request, pricing_page_visit, product_signup) since the lead became eligible to requalify" },
  ],
  [
    "too soon after recycling",
    { stage: "RECYCLED", recycledAt: at(3), activities: [{ type: "demo_request", occurredAt: at(0) }], score: mql },
    { to: "MQL" },
    { ok: false, error: "Recycled 3 days ago: a recycled lead can requalify after 14 days (from 2026-06-12)" },
  ],
];

describe("planTransition", () => {
  it.each(cases)("%s", (_name, lead, request, expected) => {
    const plan = planTransition(policy, lead, { ...request, now: NOW });
    if (expected.ok) {
      expect(plan).toMatchObject({ ok: true, from: lead.stage, to: request.to, reasons: expected.reasons, notifyLastOwner: expected.notifyLastOwner ?? false });
    } else {
      expect(plan).toEqual(expected);
    }
  });

  it("keeps the reason code on an allowed rejection", () => {
    expect(planTransition(policy, { stage: "MQL" }, { to: "RECYCLED", actorRole: "REP", reasonCode: "BAD_TIMING", now: NOW })).toMatchObject({
      ok: true,
      trigger: "MANUAL",
      reasonCode: "BAD_TIMING",
    });
  });

  it("refuses to requalify when the policy turns it off", () => {
    const off = { ...policy, recycle: { ...policy.recycle, requalifyOnNewIntent: false } };
    const plan = planTransition(off, recycled([{ type: "demo_request", occurredAt: at(1) }]), { to: "MQL", now: NOW });
    expect(plan).toEqual({ ok: false, error: "The lifecycle policy does not requalify recycled leads" });
  });
});
