// Conditions and misses in plain words, for explanations users read
// ("country is not one of DE, AT (it is US)").
import type { TScoringCondition } from "@/lib/schemas/policies/common";
import type { TFactValue } from "./evaluate";

const LIST_LIMIT = 5;

function list(values: readonly (string | number)[]): string {
  const shown = values.slice(0, LIST_LIMIT).join(", ");
  return values.length > LIST_LIMIT ? `${shown} and ${values.length - LIST_LIMIT} more` : shown;
}

export function formatFact(value: TFactValue): string {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return "empty";
  return typeof value === "boolean" ? (value ? "yes" : "no") : String(value);
}

/** "country is one of DE, AT" */
export function describeCondition(attribute: string, condition: TScoringCondition): string {
  switch (condition.op) {
    case "any":
      return `${attribute} is anything`;
    case "equals":
      return `${attribute} is ${formatFact(condition.value)}`;
    case "in":
      return `${attribute} is one of ${list(condition.values)}`;
    case "range":
      if (condition.min !== undefined && condition.max !== undefined) return `${attribute} is from ${condition.min} to under ${condition.max}`;
      return condition.min !== undefined ? `${attribute} is at least ${condition.min}` : `${attribute} is under ${condition.max}`;
    case "prefix":
      return `${attribute} starts with ${list(condition.values)}`;
    case "suffix":
      return `${attribute} ends with ${list(condition.values)}`;
    case "contains":
      return `${attribute} contains ${list(condition.values)}`;
    case "isEmpty":
      return condition.value === false ? `${attribute} is filled in` : `${attribute} is empty`;
  }
}

/** "country is not one of DE, AT (it is US)" — why a condition failed for this value. */
export function describeMiss(attribute: string, condition: TScoringCondition, value: TFactValue): string {
  const positive = describeCondition(attribute, condition);
  const negated = positive.replace(`${attribute} is `, `${attribute} is not `).replace(`${attribute} starts`, `${attribute} does not start`)
    .replace(`${attribute} ends`, `${attribute} does not end`).replace(`${attribute} contains`, `${attribute} does not contain`);
  return `${negated} (it is ${formatFact(value)})`;
}
