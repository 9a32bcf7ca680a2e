import { describe, expect, it } from "vitest";
import type { PolicyKind } from "@/lib/generated/prisma/enums";
import { defaultPolicyBodies } from "./defaults";
import { FALLBACK_ROW_MESSAGE, parsePolicyBody, policyIssues } from "./index";

// Each case edits one valid default body in one place and names the error the editor must
// show: the exact path and the message. Paths are dotted; a negative index counts from the
// end; the value REMOVE deletes the key or array element.

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const bodies = defaultPolicyBodies({
  referenceDate: new Date("2026-11-21T00:00:00Z"),
  fallbackTeamId: id(900),
  partnerTeamId: id(901),
  pools: [
    { id: "na-mm", name: "NA Mid-Market", region: "NA", segments: ["MID_MARKET"], members: [{ userId: id(1), weight: 1, capPerDay: 20 }, { userId: id(2), weight: 2 }] },
    { id: "emea-de", name: "EMEA German", region: "EMEA", segments: ["SMB", "MID_MARKET"], language: "de", members: [{ userId: id(3), weight: 1 }] },
  ],
});
// Row order in that routing body: named-accounts, partner-sourced, pool-emea-de, pool-na-mm, fallback.

const REMOVE = Symbol("remove");
type TEdit = [path: string, value: unknown];

function container(root: unknown, keys: string[]): Record<string, unknown> | unknown[] {
  let node = root;
  for (const key of keys) node = pick(node, key);
  return node as Record<string, unknown> | unknown[];
}
function indexOf(node: unknown, key: string): string | number {
  if (!Array.isArray(node)) return key;
  const n = Number(key);
  return n < 0 ? node.length + n : n;
}
function pick(node: unknown, key: string): unknown {
  return (node as Record<string | number, unknown>)[indexOf(node, key)];
}
function applyEdit(root: unknown, [path, value]: TEdit): void {
  const keys = path.split(".");
  const last = keys.pop()!;
  const parent = container(root, keys);
  const at = indexOf(parent, last);
  if (value === REMOVE) {
    if (Array.isArray(parent)) parent.splice(Number(at), 1);
    else delete parent[at as string];
  } else {
    (parent as Record<string | number, unknown>)[at] = value;
  }
}

type TCase = { name: string; kind: PolicyKind; edits: TEdit[]; path: string; message: string | RegExp };

const cases: TCase[] = [
  // ROUTING
  { name: "missing fallback row", kind: "ROUTING", edits: [["rows.-1", REMOVE]], path: "rows.3", message: FALLBACK_ROW_MESSAGE },
  { name: "conditional last row", kind: "ROUTING", edits: [["rows.-1.conditions", { region: { op: "equals", value: "NA" } }]], path: "rows.4", message: FALLBACK_ROW_MESSAGE },
  { name: "duplicate row ids", kind: "ROUTING", edits: [["rows.1.id", "named-accounts"]], path: "rows.1.id", message: 'Duplicate row id "named-accounts" (already used at position 1)' },
  { name: "no rows", kind: "ROUTING", edits: [["rows", []]], path: "rows", message: "The matrix needs at least one row" },
  { name: "unknown condition op", kind: "ROUTING", edits: [["rows.0.conditions.isNamedAccount", { op: "between" }]], path: "rows.0.conditions.isNamedAccount.op", message: /Condition op must be one of any, equals, in/ },
  { name: "empty range", kind: "ROUTING", edits: [["rows.2.conditions.region", { op: "range" }]], path: "rows.2.conditions.region", message: "A range needs a min, a max or both" },
  { name: "inverted range", kind: "ROUTING", edits: [["columns.-1", "employees"], ["rows.2.conditions.employees", { op: "range", min: 500, max: 200 }]], path: "rows.2.conditions.employees.max", message: "max (200) must be greater than min (500); max is exclusive" },
  { name: "range on a text column", kind: "ROUTING", edits: [["rows.2.conditions.region", { op: "range", min: 1 }]], path: "rows.2.conditions.region", message: '"region" is string; a range needs a number attribute' },
  { name: "equals with the wrong type", kind: "ROUTING", edits: [["rows.0.conditions.isNamedAccount", { op: "equals", value: "yes" }]], path: "rows.0.conditions.isNamedAccount", message: /"isNamedAccount" is boolean but the value "yes" is string/ },
  { name: "condition outside the columns", kind: "ROUTING", edits: [["rows.0.conditions.industry", { op: "equals", value: "Retail" }]], path: "rows.0.conditions.industry", message: "\"industry\" is not one of the matrix's columns" },
  { name: "unknown column", kind: "ROUTING", edits: [["columns.0", "favouriteColour"]], path: "columns.0", message: /Unknown attribute "favouriteColour"/ },
  { name: "duplicate column", kind: "ROUTING", edits: [["columns.1", "isNamedAccount"]], path: "columns.1", message: /Duplicate column "isNamedAccount"/ },
  { name: "pool that does not exist", kind: "ROUTING", edits: [["rows.2.action.poolId", "nowhere"]], path: "rows.2.action.poolId", message: 'No pool with id "nowhere" in this policy' },
  { name: "user action without a UUID", kind: "ROUTING", edits: [["rows.1.action", { type: "USER", userId: "dana" }]], path: "rows.1.action.userId", message: "Must be a record id (UUID)" },
  { name: "unknown action type", kind: "ROUTING", edits: [["rows.1.action", { type: "RANDOM" }]], path: "rows.1.action.type", message: "Action type must be ACCOUNT_OWNER, USER, POOL or QUEUE" },
  { name: "fallback to account owner", kind: "ROUTING", edits: [["rows.-1.action", { type: "ACCOUNT_OWNER" }]], path: "rows.4.action", message: /cannot route to the account owner/ },
  { name: "zero weight", kind: "ROUTING", edits: [["pools.0.members.0.weight", 0]], path: "pools.0.members.0.weight", message: "Weight must be at least 1" },
  { name: "duplicate pool member", kind: "ROUTING", edits: [["pools.0.members.1.userId", id(1)]], path: "pools.0.members.1.userId", message: /Duplicate pool member/ },
  { name: "weekly cap below daily cap", kind: "ROUTING", edits: [["pools.0.members.0.capPerWeek", 5]], path: "pools.0.members.0.capPerWeek", message: "The weekly cap (5) is below the daily cap (20)" },
  { name: "malformed skill", kind: "ROUTING", edits: [["pools.0.requiredSkills", ["German"]]], path: "pools.0.requiredSkills.0", message: /Skills look like "lang:de"/ },
  { name: "unknown key", kind: "ROUTING", edits: [["rows.0.colour", "red"]], path: "rows.0", message: /colour/ },
  // SCORING
  { name: "threshold above 100", kind: "SCORING", edits: [["mqlThreshold", 120]], path: "mqlThreshold", message: "The MQL threshold is on a 100-point scale: use 0 to 100" },
  { name: "threshold below 0", kind: "SCORING", edits: [["mqlThreshold", -5]], path: "mqlThreshold", message: "The MQL threshold is on a 100-point scale: use 0 to 100" },
  { name: "threshold as text", kind: "SCORING", edits: [["mqlThreshold", "60"]], path: "mqlThreshold", message: "The MQL threshold must be a number" },
  { name: "positive negative rule", kind: "SCORING", edits: [["negative.0.points", 20]], path: "negative.0.points", message: "Negative rules subtract points: use a value below 0" },
  { name: "zero-point fit rule", kind: "SCORING", edits: [["fit.0.points", 0]], path: "fit.0.points", message: "Fit rules add points: use a value of 1 or more" },
  { name: "rule id reused across groups", kind: "SCORING", edits: [["negative.0.id", "size-enterprise"]], path: "negative.0.id", message: /Duplicate rule id "size-enterprise"/ },
  { name: "activity type counted twice", kind: "SCORING", edits: [["engagement.1.activityType", "demo_request"]], path: "engagement.1.activityType", message: /Duplicate activity type "demo_request"/ },
  { name: "cap below one activity", kind: "SCORING", edits: [["engagement.1.cap", 5]], path: "engagement.1.cap", message: "The cap (5) is below the points of one activity (10)" },
  { name: "substring test on a number", kind: "SCORING", edits: [["fit.0.condition", { op: "contains", values: ["1"] }]], path: "fit.0.condition", message: '"employees" is number; contains needs a text attribute' },
  { name: "rule matching every lead", kind: "SCORING", edits: [["fit.0.condition", { op: "any" }]], path: "fit.0.condition.op", message: /would score every lead/ },
  { name: "bad review date", kind: "SCORING", edits: [["reviewBy", "next quarter"]], path: "reviewBy", message: "Use an ISO date such as 2026-12-31" },
  { name: "zero half-life", kind: "SCORING", edits: [["engagement.0.halfLifeDays", 0]], path: "engagement.0.halfLifeDays", message: "A half-life must be more than 0 days" },
  { name: "camelCase activity", kind: "SCORING", edits: [["engagement.0.activityType", "demoRequest"]], path: "engagement.0.activityType", message: /snake_case/ },
  // APPROVAL
  { name: "tier without stages", kind: "APPROVAL", edits: [["tiers.0.stages", []]], path: "tiers.0.stages", message: "A tier needs at least one stage" },
  { name: "inverted discount band", kind: "APPROVAL", edits: [["tiers.1.when.minDiscountPct", 50], ["tiers.1.when.maxDiscountPct", 40]], path: "tiers.1.when.maxDiscountPct", message: "maxDiscountPct (40) must be above minDiscountPct (50)" },
  { name: "unknown approver", kind: "APPROVAL", edits: [["tiers.0.stages.0.approvers", ["CEO"]]], path: "tiers.0.stages.0.approvers.0", message: /Approvers are MANAGER, REGION_VP/ },
  { name: "same approver twice in a stage", kind: "APPROVAL", edits: [["tiers.0.stages.0.approvers", ["MANAGER", "MANAGER"]]], path: "tiers.0.stages.0.approvers.1", message: /Duplicate approver "MANAGER"/ },
  { name: "duplicate tier id", kind: "APPROVAL", edits: [["tiers.1.id", "discount-manager"]], path: "tiers.1.id", message: /Duplicate tier id/ },
  { name: "wrong fallback group", kind: "APPROVAL", edits: [["fallbackGroup", "FINANCE"]], path: "fallbackGroup", message: 'The fallback group is "DEAL_DESK"' },
  { name: "tier below auto-approval", kind: "APPROVAL", edits: [["tiers.0.when.minDiscountPct", 2], ["tiers.0.when.maxDiscountPct", 8]], path: "tiers.0.when.maxDiscountPct", message: "Discounts up to 10% are auto-approved, so this tier can never apply" },
  { name: "discount over 100%", kind: "APPROVAL", edits: [["autoApproveMaxDiscountPct", 150]], path: "autoApproveMaxDiscountPct", message: "Percentages are 0 to 100" },
  { name: "unknown deviation", kind: "APPROVAL", edits: [["tiers.0.when.deviation", "FREEBIE"]], path: "tiers.0.when.deviation", message: /Deviation must be one of DISCOUNT/ },
  // SLA
  { name: "duration and multiplier", kind: "SLA", edits: [["clocks.0.multiplier", 2]], path: "clocks.0.durationMinutes", message: "Set exactly one of durationMinutes or multiplier" },
  { name: "multiplier without reference", kind: "SLA", edits: [["clocks.0.durationMinutes", REMOVE], ["clocks.0.multiplier", 2]], path: "clocks.0.multiplier", message: "LEAD_FIRST_TOUCH has no reference duration to multiply: use durationMinutes" },
  { name: "warning at the breach", kind: "SLA", edits: [["clocks.0.warnAt", [0.5, 1]]], path: "clocks.0.warnAt.1", message: "Warnings are fractions below 1 (1 is the breach)" },
  { name: "warnings out of order", kind: "SLA", edits: [["clocks.0.warnAt", [0.75, 0.5]]], path: "clocks.0.warnAt.1", message: "Warnings must be in increasing order" },
  { name: "escalation level gap", kind: "SLA", edits: [["clocks.0.escalation.1.level", 3]], path: "clocks.0.escalation.1.level", message: "Expected level 2: levels count up from 1 without gaps" },
  { name: "unknown time zone", kind: "SLA", edits: [["calendars.1.timezone", "Mars/Olympus"]], path: "calendars.1.timezone", message: '"Mars/Olympus" is not an IANA time zone such as Europe/Berlin' },
  { name: "empty interval", kind: "SLA", edits: [["calendars.0.workingHours.mon", [["09:00", "09:00"]]]], path: "calendars.0.workingHours.mon.0", message: "The interval 09:00–09:00 is empty; use 00:00–24:00 for a whole day" },
  { name: "overnight interval not last", kind: "SLA", edits: [["calendars.0.workingHours.mon", [["22:00", "02:00"], ["03:00", "05:00"]]]], path: "calendars.0.workingHours.mon.0", message: /runs past midnight/ },
  { name: "overlapping intervals", kind: "SLA", edits: [["calendars.0.workingHours.tue", [["09:00", "13:00"], ["12:00", "17:00"]]]], path: "calendars.0.workingHours.tue.1", message: /overlaps/ },
  { name: "impossible time", kind: "SLA", edits: [["calendars.0.workingHours.wed", [["09:00", "25:00"]]]], path: "calendars.0.workingHours.wed.0.1", message: 'Times are "HH:MM", 00:00 to 24:00' },
  { name: "misspelt weekday", kind: "SLA", edits: [["calendars.0.workingHours.monday", [["09:00", "17:00"]]]], path: "calendars.0.workingHours", message: /monday/ },
  { name: "missing default calendar", kind: "SLA", edits: [["defaultCalendarId", "mars"]], path: "defaultCalendarId", message: 'No calendar with id "mars"' },
  { name: "clock defined twice", kind: "SLA", edits: [["clocks.1.id", "LEAD_FIRST_TOUCH"]], path: "clocks.1.id", message: /Duplicate clock "LEAD_FIRST_TOUCH"/ },
  { name: "two calendars for one region", kind: "SLA", edits: [["calendars.2.region", "NA"]], path: "calendars.2.region", message: /Duplicate calendar region "NA"/ },
  // LIFECYCLE
  { name: "stage without definition", kind: "LIFECYCLE", edits: [["stages.-1", REMOVE]], path: "stages", message: "Stage DISQUALIFIED has no definition" },
  { name: "MQL rejection without reason", kind: "LIFECYCLE", edits: [["transitions.5.requiresReason", false]], path: "transitions.5.requiresReason", message: "Rejecting an MQL (MQL → RECYCLED) must require a reason code" },
  { name: "transition to itself", kind: "LIFECYCLE", edits: [["transitions.0.to", "SUBSCRIBER"]], path: "transitions.0.to", message: "A transition must change the stage" },
  { name: "lower-case reason code", kind: "LIFECYCLE", edits: [["rejectReasons.0.code", "no budget"]], path: "rejectReasons.0.code", message: /UPPER_SNAKE_CASE/ },
  { name: "requalifying without the transition", kind: "LIFECYCLE", edits: [["transitions.-1", REMOVE]], path: "recycle.requalifyOnNewIntent", message: "Requalifying needs a RECYCLED → MQL transition" },
  // PIPELINE
  { name: "missing stage", kind: "PIPELINE", edits: [["stages.1", REMOVE]], path: "stages", message: "Stage DISCOVERY is missing" },
  { name: "stages out of order", kind: "PIPELINE", edits: [["stages.1.stage", "EVALUATION"], ["stages.2.stage", "DISCOVERY"]], path: "stages", message: "Open stages must be in the order QUALIFIED → DISCOVERY → EVALUATION → PROPOSAL → NEGOTIATION" },
  { name: "open stage without average days", kind: "PIPELINE", edits: [["stages.0.averageDays", REMOVE]], path: "stages.0.averageDays", message: "Open stage QUALIFIED needs averageDays (the stale rule uses it)" },
  { name: "stale multiplier of 1", kind: "PIPELINE", edits: [["staleMultiplier", 1]], path: "staleMultiplier", message: "The stale multiplier must be above 1" },
  { name: "unknown required field", kind: "PIPELINE", edits: [["stages.0.requiredFields", ["budget"]]], path: "stages.0.requiredFields.0", message: /Required fields are among account/ },
  { name: "bad skip policy", kind: "PIPELINE", edits: [["skipPolicy", "IGNORE"]], path: "skipPolicy", message: "skipPolicy is FLAG or BLOCK" },
  // ROE
  { name: "no protection period", kind: "ROE", edits: [["ownershipRules.1.protectionDays", 0]], path: "ownershipRules.1.protectionDays", message: "Protection lasts at least 1 day" },
  { name: "rule for an unknown conflict", kind: "ROE", edits: [["ownershipRules.1.appliesTo", ["PRICE_WAR"]]], path: "ownershipRules.1.appliesTo.0", message: 'No conflict type "PRICE_WAR"' },
  { name: "area listed twice", kind: "ROE", edits: [["stakeholders.1.area", "SALES"]], path: "stakeholders.1.area", message: /Duplicate area "SALES"/ },
  { name: "unknown rule type", kind: "ROE", edits: [["ownershipRules.0.type", "LOUDEST_WINS"]], path: "ownershipRules.0.type", message: /Rule type must be NAMED_ACCOUNT_OWNER/ },
];

describe("invalid policy bodies are refused with a specific error", () => {
  it.each(cases)("$kind: $name", ({ kind, edits, path, message }) => {
    const body = structuredClone(bodies[kind]);
    for (const edit of edits) applyEdit(body, edit);
    const result = parsePolicyBody(kind, body);
    expect(result.success).toBe(false);
    const issues = result.success ? [] : policyIssues(result.error);
    const atPath = issues.filter((i) => i.path === path);
    expect(atPath, `issues were ${JSON.stringify(issues)}`).not.toHaveLength(0);
    const matches = atPath.some((i) => (typeof message === "string" ? i.message === message : message.test(i.message)));
    expect(matches, `issues at ${path}: ${JSON.stringify(atPath)}`).toBe(true);
  });

  it("refuses a body of another kind", () => {
    expect(parsePolicyBody("ROUTING", bodies.SCORING).success).toBe(false);
    expect(parsePolicyBody("SCORING", null).success).toBe(false);
  });
});
