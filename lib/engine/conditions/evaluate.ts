// The one evaluator of policy conditions (routing cells, scoring rules). Semantics are
// defined beside the schema in lib/schemas/policies/common.ts:
// - text comparisons ignore case and surrounding spaces;
// - `in`, `prefix`, `suffix`, `contains` match when ANY listed value matches;
// - `range` is half-open (min <= x < max) and never matches a missing value;
// - `isEmpty` matches missing or blank values (with value: false, present ones).
// Conditions are compiled once per policy into closures with their values pre-normalised,
// because routing and scoring evaluate them millions of times per second.
import type { TScoringCondition } from "@/lib/schemas/policies/common";

export type TFactValue = string | number | boolean | null | undefined;
/** A lead (merged with its account) as flat facts: "country", "custom.plan", "activity.demo_request". */
export type TFacts = Readonly<Record<string, TFactValue>>;

export type TCompiledCondition = (value: TFactValue) => boolean;

export function normaliseText(value: string): string {
  return value.trim().toLowerCase();
}

function norm(value: TFactValue): TFactValue {
  return typeof value === "string" ? normaliseText(value) : value;
}

export function isEmptyValue(value: TFactValue): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

export function compileCondition(condition: TScoringCondition): TCompiledCondition {
  switch (condition.op) {
    case "any":
      return () => true;
    case "equals": {
      const expected = norm(condition.value);
      return (value) => norm(value) === expected;
    }
    case "in": {
      const set = new Set<TFactValue>(condition.values.map(norm));
      return (value) => !isEmptyValue(value) && set.has(norm(value));
    }
    case "range": {
      const min = condition.min ?? Number.NEGATIVE_INFINITY;
      const max = condition.max ?? Number.POSITIVE_INFINITY;
      return (value) => typeof value === "number" && value >= min && value < max;
    }
    case "prefix": {
      const prefixes = condition.values.map(normaliseText);
      return (value) => {
        if (typeof value !== "string") return false;
        const text = normaliseText(value);
        return prefixes.some((p) => text.startsWith(p));
      };
    }
    case "suffix": {
      const suffixes = condition.values.map(normaliseText);
      return (value) => {
        if (typeof value !== "string") return false;
        const text = normaliseText(value);
        return suffixes.some((s) => text.endsWith(s));
      };
    }
    case "contains": {
      const parts = condition.values.map(normaliseText);
      return (value) => {
        if (typeof value !== "string") return false;
        const text = normaliseText(value);
        return parts.some((p) => text.includes(p));
      };
    }
    case "isEmpty": {
      const wantEmpty = condition.value ?? true;
      return (value) => isEmptyValue(value) === wantEmpty;
    }
  }
}

export function conditionMatches(condition: TScoringCondition, value: TFactValue): boolean {
  return compileCondition(condition)(value);
}
