// The scoring model editor's form values and their mapping to and from a scoring policy
// body. The form keeps what a person types (lists as comma-separated text, optional numbers
// as text) so half-typed input never throws; validation is the policy schema itself, run on
// the mapped body, with each issue moved back onto the input that caused it.
import { z } from "zod";
import { attributeType, type TScoringCondition } from "@/lib/schemas/policies/common";
import { ZEngagementRule, ZFitRule, ZNegativeRule, ZScoringPolicy, type TScoringPolicy } from "@/lib/schemas/policies/scoring";

/** Condition operators offered in the editor; "notEmpty" is the schema's isEmpty with value false. */
export const FORM_OPS = ["equals", "in", "range", "contains", "prefix", "suffix", "isEmpty", "notEmpty"] as const;
export type TFormOp = (typeof FORM_OPS)[number];

export const FORM_OP_LABELS: Record<TFormOp, string> = {
  equals: "equals",
  in: "is one of",
  range: "is in the range",
  contains: "contains",
  prefix: "starts with",
  suffix: "ends with",
  isEmpty: "is empty",
  notEmpty: "is not empty",
};

export type TAttributeRuleForm = { id: string; label: string; attribute: string; op: TFormOp; value: string; min: string; max: string; points: number };
export type TEngagementRuleForm = { id: string; label: string; activityType: string; points: number; cap: string; halfLifeDays: string };
export type TScoringForm = {
  fit: TAttributeRuleForm[];
  engagement: TEngagementRuleForm[];
  negative: TAttributeRuleForm[];
  fitMin: number;
  engagementMin: number;
  mqlThreshold: number;
  reviewBy: string;
};

// ---- policy → form ----------------------------------------------------------------------

function conditionToForm(condition: TScoringCondition): Pick<TAttributeRuleForm, "op" | "value" | "min" | "max"> {
  const blank = { value: "", min: "", max: "" };
  switch (condition.op) {
    case "equals":
      return { ...blank, op: "equals", value: String(condition.value) };
    case "in":
    case "contains":
    case "prefix":
    case "suffix":
      return { ...blank, op: condition.op, value: condition.values.join(", ") };
    case "range":
      return { ...blank, op: "range", min: condition.min === undefined ? "" : String(condition.min), max: condition.max === undefined ? "" : String(condition.max) };
    case "isEmpty":
      return { ...blank, op: condition.value === false ? "notEmpty" : "isEmpty" };
    case "any":
      // The schema refuses "any" for scoring; an old body holding it opens as "is not empty" for review.
      return { ...blank, op: "notEmpty" };
  }
}

export function policyToForm(policy: TScoringPolicy): TScoringForm {
  const attributeRule = (r: TScoringPolicy["fit"][number]): TAttributeRuleForm => ({ id: r.id, label: r.label, attribute: r.attribute, points: r.points, ...conditionToForm(r.condition) });
  return {
    fit: policy.fit.map(attributeRule),
    engagement: policy.engagement.map((r) => ({
      id: r.id,
      label: r.label,
      activityType: r.activityType,
      points: r.points,
      cap: r.cap === undefined ? "" : String(r.cap),
      halfLifeDays: r.halfLifeDays === undefined ? "" : String(r.halfLifeDays),
    })),
    negative: policy.negative.map(attributeRule),
    fitMin: policy.fitMin,
    engagementMin: policy.engagementMin,
    mqlThreshold: policy.mqlThreshold,
    reviewBy: policy.reviewBy ?? "",
  };
}

// ---- form → policy ----------------------------------------------------------------------

/** "12" → 12, "" → undefined, "abc" → the text itself (so the schema names the problem). */
function optionalNumber(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** Text typed for an attribute of a known type becomes that type; custom attributes are guessed from the text. */
export function typedValue(attribute: string, text: string): string | number | boolean {
  const t = text.trim();
  const type = attributeType(attribute);
  const lower = t.toLowerCase();
  if (type === "boolean" || type === "unknown") {
    if (lower === "true" || lower === "yes") return true;
    if (lower === "false" || lower === "no") return false;
  }
  if ((type === "number" || type === "unknown") && t !== "" && String(Number(t)) === t) return Number(t);
  return t;
}

const listOf = (text: string) =>
  text
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");

function formToCondition(rule: TAttributeRuleForm): unknown {
  switch (rule.op) {
    case "equals":
      return { op: "equals", value: typedValue(rule.attribute, rule.value) };
    case "in":
      return { op: "in", values: listOf(rule.value).map((v) => typedValue(rule.attribute, v)) };
    case "contains":
    case "prefix":
    case "suffix":
      return { op: rule.op, values: listOf(rule.value) };
    case "range": {
      const min = optionalNumber(rule.min);
      const max = optionalNumber(rule.max);
      return { op: "range", ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    }
    case "isEmpty":
      return { op: "isEmpty" };
    case "notEmpty":
      return { op: "isEmpty", value: false };
  }
}

/** The policy body the form describes, not yet validated (ZScoringPolicy does that). */
export function formToPolicy(form: TScoringForm): unknown {
  const attributeRule = (r: TAttributeRuleForm) => ({ id: r.id.trim(), label: r.label, attribute: r.attribute.trim(), condition: formToCondition(r), points: r.points });
  const reviewBy = form.reviewBy.trim();
  return {
    fit: form.fit.map(attributeRule),
    engagement: form.engagement.map((r) => {
      const cap = optionalNumber(r.cap);
      const halfLifeDays = optionalNumber(r.halfLifeDays);
      return {
        id: r.id.trim(),
        label: r.label,
        activityType: r.activityType.trim(),
        points: r.points,
        ...(cap === undefined ? {} : { cap }),
        ...(halfLifeDays === undefined ? {} : { halfLifeDays }),
      };
    }),
    negative: form.negative.map(attributeRule),
    fitMin: form.fitMin,
    engagementMin: form.engagementMin,
    mqlThreshold: form.mqlThreshold,
    ...(reviewBy === "" ? {} : { reviewBy }),
  };
}

/**
 * Where an issue on the policy body belongs in the form: condition parts map to the
 * value / min / max / op inputs; everything else keeps its path.
 */
export function formPathOf(path: readonly PropertyKey[]): PropertyKey[] {
  const [group, index, key, part] = path;
  if ((group === "fit" || group === "negative") && key === "condition") {
    const input = part === "values" || part === "value" ? "value" : part === "min" ? "min" : part === "max" ? "max" : part === "op" ? "op" : undefined;
    // A condition-level issue ("a range needs a min, a max or both") shows under the first input.
    return [group, index as number, input ?? (path.length === 3 ? "value" : "op")];
  }
  return [...path];
}

export type TFormIssue = { path: PropertyKey[]; message: string };

/** Validates the form by validating the policy it maps to. */
export function validateScoringForm(form: TScoringForm): { ok: true; policy: TScoringPolicy } | { ok: false; issues: TFormIssue[] } {
  const parsed = ZScoringPolicy.safeParse(formToPolicy(form));
  if (parsed.success) return { ok: true, policy: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: formPathOf(i.path), message: i.message })) };
}

/**
 * The editor's zod schema (for react-hook-form's zodResolver): numbers must be numbers, then
 * the mapped policy must pass ZScoringPolicy, its issues reported on the form's inputs.
 */
const ZPointsInput = z.number({ error: "Enter a whole number" });
const ZAttributeRuleForm = z.object({ id: z.string(), label: z.string(), attribute: z.string(), op: z.enum(FORM_OPS), value: z.string(), min: z.string(), max: z.string(), points: ZPointsInput });
export const ZScoringForm = z
  .object({
    fit: z.array(ZAttributeRuleForm),
    engagement: z.array(z.object({ id: z.string(), label: z.string(), activityType: z.string(), points: ZPointsInput, cap: z.string(), halfLifeDays: z.string() })),
    negative: z.array(ZAttributeRuleForm),
    fitMin: ZPointsInput,
    engagementMin: ZPointsInput,
    mqlThreshold: ZPointsInput,
    reviewBy: z.string(),
  })
  .superRefine((form, ctx) => {
    const result = validateScoringForm(form);
    if (!result.ok) for (const issue of result.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });

/**
 * What the live score uses while the form is being edited: every rule that is valid on its
 * own (a half-typed rule is left out, and counted), and thresholds that are numbers.
 */
export function lenientPolicy(form: TScoringForm): { policy: TScoringPolicy; skipped: number } {
  const body = formToPolicy(form) as Record<"fit" | "engagement" | "negative", unknown[]>;
  let skipped = 0;
  const keep = <T>(schema: z.ZodType<T>, rules: unknown[]): T[] =>
    rules.flatMap((r) => {
      const parsed = schema.safeParse(r);
      if (parsed.success) return [parsed.data];
      skipped++;
      return [];
    });
  const seen = new Set<string>();
  const engagement = keep(ZEngagementRule, body.engagement).filter((r) => {
    // Two rules on one activity type would count its events twice; the first one wins.
    if (seen.has(r.activityType)) {
      skipped++;
      return false;
    }
    seen.add(r.activityType);
    return true;
  });
  const bounded = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.min(100, Math.round(n))) : 0);
  return {
    policy: {
      fit: keep(ZFitRule, body.fit),
      engagement,
      negative: keep(ZNegativeRule, body.negative),
      fitMin: bounded(form.fitMin),
      engagementMin: bounded(form.engagementMin),
      mqlThreshold: bounded(form.mqlThreshold),
    },
    skipped,
  };
}

/** A new, empty rule for the "add rule" buttons; ids stay unique within the form. */
export function nextRuleId(form: Pick<TScoringForm, "fit" | "engagement" | "negative">, prefix: string): string {
  const used = new Set([...form.fit, ...form.engagement, ...form.negative].map((r) => r.id));
  for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

/** A sample lead's field as typed in the editor: blank is a missing value, otherwise typed like a rule value. */
export function factFromText(attribute: string, text: string): string | number | boolean | null {
  return text.trim() === "" ? null : typedValue(attribute, text);
}

/** The attributes the model's fit and negative rules read, in rule order, each once. */
export function ruleAttributes(form: Pick<TScoringForm, "fit" | "negative">): string[] {
  return [...new Set([...form.fit, ...form.negative].map((r) => r.attribute.trim()).filter((a) => attributeType(a) !== undefined))];
}
