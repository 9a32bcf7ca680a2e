// The explanation of a score: each contributing rule in plain words, and the verdict. Built
// from the same compiled rules and decay as the totals, so the two cannot disagree (a
// property test checks that the breakdown adds up to the totals).
import { formatFact } from "@/lib/engine/conditions/describe";
import type { TFactValue } from "@/lib/engine/conditions/evaluate";
import { decayWeight, type TCompiledFactRule, type TCompiledModel } from "./compile";
import type { TActivity, TBreakdownItem, TFacts, TScoreTotals } from "./types";

const ACTIVITY_PREFIX = "activity.";

function readFact(key: string, facts: TFacts, activities: readonly TActivity[]): TFactValue {
  const given = facts[key];
  if (given !== undefined || !key.startsWith(ACTIVITY_PREFIX)) return given;
  const type = key.slice(ACTIVITY_PREFIX.length);
  let count = 0;
  for (const activity of activities) if (activity.type === type) count++;
  return count;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

function factItems(group: "fit" | "negative", rules: readonly TCompiledFactRule[], facts: TFacts, activities: readonly TActivity[]) {
  const items: TBreakdownItem[] = [];
  for (const rule of rules) {
    const value = readFact(rule.attribute, facts, activities);
    if (!rule.test(value)) continue;
    items.push({ group, ruleId: rule.id, label: rule.label, points: rule.points, detail: `${rule.description} (it is ${formatFact(value)})` });
  }
  return items;
}

function engagementItems(c: TCompiledModel, activities: readonly TActivity[], nowMs: number) {
  const items: TBreakdownItem[] = [];
  c.engagement.forEach((rule) => {
    let count = 0;
    let raw = 0;
    for (const activity of activities) {
      if (activity.type !== rule.activityType) continue;
      count++;
      raw += rule.points * decayWeight(rule, nowMs - activity.occurredAt.getTime());
    }
    if (count === 0) return;
    const points = Math.min(raw, rule.cap);
    const each = `${rule.points} points each${rule.halfLifeDays === undefined ? "" : `, halving every ${rule.halfLifeDays} days`}`;
    const capped = raw > rule.cap ? `, capped at ${rule.cap}` : "";
    items.push({
      group: "engagement",
      ruleId: rule.id,
      label: rule.label,
      points: round2(points),
      detail: `${count} × ${rule.activityType} (${each}): ${round2(raw)} points${capped}`,
    });
  });
  return items;
}

function verdict(c: TCompiledModel, t: TScoreTotals): string {
  const m = c.model;
  const checks = [
    { ok: t.fit >= m.fitMin, pass: `fit ${t.fit} ≥ ${m.fitMin}`, fail: `fit ${t.fit} is below the minimum ${m.fitMin}` },
    {
      ok: t.engagement >= m.engagementMin,
      pass: `engagement ${t.engagement} ≥ ${m.engagementMin}`,
      fail: `engagement ${t.engagement} is below the minimum ${m.engagementMin}`,
    },
    { ok: t.total >= m.mqlThreshold, pass: `total ${t.total} ≥ ${m.mqlThreshold}`, fail: `total ${t.total} is below the MQL threshold ${m.mqlThreshold}` },
  ];
  if (t.isMql) return `MQL: ${checks.map((x) => x.pass).join(", ")}`;
  return `Not an MQL: ${checks.filter((x) => !x.ok).map((x) => x.fail).join("; ")}`;
}

export function explainScore(
  c: TCompiledModel,
  facts: TFacts,
  activities: readonly TActivity[],
  nowMs: number,
  totals: TScoreTotals,
): { breakdown: readonly TBreakdownItem[]; summary: readonly string[]; reasons: readonly string[] } {
  const breakdown = [...factItems("fit", c.fit, facts, activities), ...engagementItems(c, activities, nowMs), ...factItems("negative", c.negative, facts, activities)];
  const unclamped = totals.fit + totals.engagement + totals.negative;
  const clamp = unclamped === totals.total ? "" : ` (${unclamped} clamped to the 0–100 scale)`;
  const summary = [verdict(c, totals), `Total ${totals.total} = fit ${totals.fit} + engagement ${totals.engagement} + negative ${totals.negative}${clamp}`];
  if (breakdown.length === 0) summary.push("No rule of the model matched this lead");
  return { breakdown, summary, reasons: withBreakdownReasons(summary, breakdown) };
}

/** One contribution of the breakdown as a sentence ("+15 fit · Mid-market: employees is …"). */
export function breakdownReason(item: Pick<TBreakdownItem, "points" | "group" | "label" | "detail">): string {
  return `${signed(item.points)} ${item.group} · ${item.label}: ${item.detail}`;
}

/**
 * The verdict, then each contribution as a sentence. A lead.scored entry stores only the
 * verdict as its reasons and the contributions once, as its breakdown (ADR 0031); this gives
 * the sentences back. Entries written before that already list them, and are left as they are.
 */
export function withBreakdownReasons(summary: readonly string[], breakdown: readonly Pick<TBreakdownItem, "points" | "group" | "label" | "detail">[]): string[] {
  const lines = breakdown.map(breakdownReason);
  if (lines.length > 0 && summary.includes(lines[0]!)) return [...summary];
  return [...summary, ...lines];
}
