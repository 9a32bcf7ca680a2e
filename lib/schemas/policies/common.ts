import { z } from "zod";

// Building blocks shared by the policy body schemas. Policy bodies are stored as JSON and
// edited by RevOps, so every rule here exists to turn a vague "invalid input" into an
// error that names the field and says what to do about it.

/** Ids inside a policy body (rows, pools, rules, calendars): short, stable, URL-safe slugs. */
export const ZPolicyId = z
  .string()
  .trim()
  .min(1, "An id is required")
  .max(64, "Ids are at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "Ids use letters, digits and - _ . : only, starting with a letter or digit");

/** References to database rows (users, teams). Any UUID layout, as Postgres' uuid type accepts. */
export const ZRecordId = z.guid("Must be a record id (UUID)");

export const ZLabel = z.string().trim().min(1, "A label is required").max(200, "Labels are at most 200 characters");
export const ZNote = z.string().trim().max(2000, "Notes are at most 2000 characters");

export const ZIsoDate = z.iso.date("Use an ISO date such as 2026-12-31");

/** Skills on users and pools: "lang:de", "product:analytics". */
export const ZSkill = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]*:[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Skills look like "lang:de" or "product:analytics"');

/** Activity types are snake_case event names ("pricing_page_visit"); new types may arrive by API. */
export const ZActivityType = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'Activity types are snake_case, e.g. "pricing_page_visit"');

export const KNOWN_ACTIVITY_TYPES = [
  "pricing_page_visit",
  "demo_request",
  "webinar_attended",
  "email_open",
  "email_click",
  "product_signup",
  "content_download",
  "case_study_visit",
  "event_attended",
  "page_visit",
  "unsubscribe",
  "spam_complaint",
] as const;

export const ROLES = ["REP", "SALES_MANAGER", "VP_SALES", "DEAL_DESK", "FINANCE", "LEGAL", "REVOPS", "EXEC", "ADMIN"] as const;
export const ZRole = z.enum(ROLES, { error: `Role must be one of ${ROLES.join(", ")}` });

// Attributes a rule can test. Lead and matched-account values are merged (the account wins
// for firmographics). Types are declared so a rule that can never match (a numeric range on
// a text field) is refused when it is written, not discovered when no lead ever matches.
export const ATTRIBUTE_TYPES = {
  email: "string",
  domain: "string",
  company: "string",
  title: "string",
  country: "string",
  region: "string",
  industry: "string",
  source: "string",
  productInterest: "string",
  language: "string",
  segment: "string",
  lifecycleStage: "string",
  employees: "number",
  annualRevenue: "number",
  score: "number",
  fitScore: "number",
  engagementScore: "number",
  isNamedAccount: "boolean",
  isPartnerSourced: "boolean",
  hasAccount: "boolean",
} as const;

export type TAttributeType = "string" | "number" | "boolean" | "unknown";

/**
 * Besides the fixed attributes: `custom.<name>` reads a lead custom attribute (type known only
 * at run time) and `activity.<type>` is the number of that lead's activities of the type.
 */
export const ZAttributeKey = z.string().refine((key) => attributeType(key) !== undefined, {
  error: (issue) =>
    `Unknown attribute "${String(issue.input)}": use one of ${Object.keys(ATTRIBUTE_TYPES).join(", ")}, custom.<name> or activity.<type>`,
});

export function attributeType(key: string): TAttributeType | undefined {
  if (Object.hasOwn(ATTRIBUTE_TYPES, key)) return ATTRIBUTE_TYPES[key as keyof typeof ATTRIBUTE_TYPES];
  if (/^custom\.[A-Za-z][A-Za-z0-9_]*$/.test(key)) return "unknown";
  if (/^activity\.[a-z][a-z0-9_]*$/.test(key)) return "number";
  return undefined;
}

const ZScalar = z.union([z.string(), z.number(), z.boolean()], { error: "Values are text, numbers or true/false" });
const ZListValues = z
  .array(z.union([z.string(), z.number()], { error: "List entries are text or numbers" }))
  .min(1, "The list needs at least one value");
const ZTextValues = z.array(z.string().min(1, "Empty text never narrows anything")).min(1, "The list needs at least one value");

// Condition semantics (the engines implement exactly this):
// - text comparisons ignore case and surrounding spaces;
// - `in`, `prefix`, `suffix`, `contains` match when ANY listed value matches;
// - `range` is half-open, min <= x < max, so consecutive bands ([0,200) then [200,2000))
//   neither overlap nor leave gaps; an empty attribute never matches a range;
// - `isEmpty` matches a missing / blank attribute (or, with value false, a present one).
const conditionOptions = [
  z.object({ op: z.literal("any") }).strict(),
  z.object({ op: z.literal("equals"), value: ZScalar }).strict(),
  z.object({ op: z.literal("in"), values: ZListValues }).strict(),
  z
    .object({ op: z.literal("range"), min: z.number().optional(), max: z.number().optional() })
    .strict()
    .superRefine((c, ctx) => {
      if (c.min === undefined && c.max === undefined) {
        ctx.addIssue({ code: "custom", message: "A range needs a min, a max or both" });
      } else if (c.min !== undefined && c.max !== undefined && c.min >= c.max) {
        ctx.addIssue({ code: "custom", path: ["max"], message: `max (${c.max}) must be greater than min (${c.min}); max is exclusive` });
      }
    }),
  z.object({ op: z.literal("prefix"), values: ZTextValues }).strict(),
  z.object({ op: z.literal("suffix"), values: ZTextValues }).strict(),
  z.object({ op: z.literal("isEmpty"), value: z.boolean().optional() }).strict(),
] as const;

const conditionError = (ops: string[]) => ({
  error: (issue: { code?: string; input?: unknown }) =>
    issue.code === "invalid_union" ? `Condition op must be one of ${ops.join(", ")}` : undefined,
});

export const ROUTING_OPS = ["any", "equals", "in", "range", "prefix", "suffix", "isEmpty"] as const;
export const ZRoutingCondition = z.discriminatedUnion("op", [...conditionOptions], conditionError([...ROUTING_OPS]));
export type TRoutingCondition = z.infer<typeof ZRoutingCondition>;

/** Scoring also needs substring tests (titles: "VP", "Intern"). */
export const SCORING_OPS = [...ROUTING_OPS, "contains"] as const;
export const ZScoringCondition = z.discriminatedUnion(
  "op",
  [...conditionOptions, z.object({ op: z.literal("contains"), values: ZTextValues }).strict()],
  conditionError([...SCORING_OPS]),
);
export type TScoringCondition = z.infer<typeof ZScoringCondition>;

/** Returns why `condition` can never apply to `attribute`, or undefined when it fits. */
export function conditionTypeProblem(attribute: string, condition: TScoringCondition): string | undefined {
  const type = attributeType(attribute);
  if (type === undefined || type === "unknown") return undefined;
  const textOps = ["prefix", "suffix", "contains"];
  if (condition.op === "range" && type !== "number") return `"${attribute}" is ${type}; a range needs a number attribute`;
  if (textOps.includes(condition.op) && type !== "string") return `"${attribute}" is ${type}; ${condition.op} needs a text attribute`;
  if (condition.op === "equals" && typeof condition.value !== type) {
    return `"${attribute}" is ${type} but the value ${JSON.stringify(condition.value)} is ${typeof condition.value}`;
  }
  if (condition.op === "in") {
    if (type === "boolean") return `"${attribute}" is true/false; use equals instead of in`;
    const wrong = condition.values.find((v) => typeof v !== type);
    if (wrong !== undefined) return `"${attribute}" is ${type} but the list holds ${JSON.stringify(wrong)}`;
  }
  return undefined;
}

/** Adds one issue per repeated value, pointing at the later occurrence. */
export function reportDuplicates<T>(
  ctx: z.RefinementCtx,
  items: readonly T[],
  key: (item: T) => string,
  pathOf: (index: number) => PropertyKey[],
  what: string,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else ctx.addIssue({ code: "custom", path: pathOf(i), message: `Duplicate ${what} "${k}" (already used at position ${first + 1})` });
  });
}

/** Half-open working intervals in local time, "HH:MM" (24:00 allowed as an end). */
export const ZClockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Times are "HH:MM", 00:00 to 24:00');

/** The KPI a rule serves; publishing records one, and ROE rules name theirs. */
export const POLICY_KPIS = ["SPEED", "FAIRNESS", "CUSTOMER_EXPERIENCE", "MARGIN"] as const;
export const ZPolicyKpi = z.enum(POLICY_KPIS, { error: `KPI must be one of ${POLICY_KPIS.join(", ")}` });
