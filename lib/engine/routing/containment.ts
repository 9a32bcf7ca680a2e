// Set reasoning over routing conditions, for lint. Two questions, answered conservatively in
// the direction that keeps lint's claims true:
// - contains(a, b): does `a` accept EVERY value `b` accepts? Only "yes" when provable by the
//   rules below; "no" may just mean "not provable". Lint only calls a row unreachable on a
//   "yes", so an unreachable claim is never wrong (the property tests check this by search).
// - witness(a, b): a value both accept, found among candidates built from both conditions
//   and checked with the one evaluator; none found means "no overlap found" (a warning we
//   may miss, never a false one).
// Rules for contains (values compared as the evaluator does: text trimmed and lower-cased,
// numbers and booleans by type; "empty" = missing or blank text):
// - any ⊇ everything; nothing but any ⊇ any;
// - equals v / in V ⊆ a when a accepts every fact equal to v (each non-empty v of V), i.e.
//   a equals the same v, a's list holds v, v is a number inside a's range, v starts/ends
//   with one of a's prefixes/suffixes, v is blank and a is isEmpty, v is non-empty and a is
//   "is filled in";
// - range ⊆ range by interval containment (half-open, open ends infinite); range ⊆ filled in;
// - prefix Q ⊆ prefix P when every q starts with some p (suffixes alike); ⊆ filled in when
//   no q is blank;
// - isEmpty ⊆ isEmpty with the same polarity.
// unionContains extends this to several rows along one column: list values each covered by
// some row, or a range covered by the union of intervals (sweep).
import { compileCondition, normaliseText, type TCompiledCondition, type TFactValue } from "@/lib/engine/conditions/evaluate";
import type { TRoutingCondition } from "@/lib/schemas/policies/common";

type TScalar = string | number | boolean;
const norm = (v: TScalar): TScalar => (typeof v === "string" ? normaliseText(v) : v);

type TPrepared = { set?: Set<TScalar>; texts?: string[]; test: TCompiledCondition };
const prepared = new WeakMap<TRoutingCondition, TPrepared>();

function prep(c: TRoutingCondition): TPrepared {
  let p = prepared.get(c);
  if (!p) {
    p = { test: compileCondition(c) };
    if (c.op === "in") p.set = new Set(c.values.map(norm));
    if (c.op === "prefix" || c.op === "suffix") p.texts = c.values.map(normaliseText);
    prepared.set(c, p);
  }
  return p;
}

/** Does `a` accept every fact that normalises to the same value as `v`? */
export function acceptsAllEqualTo(a: TRoutingCondition | undefined, v: TScalar): boolean {
  if (!a || a.op === "any") return true;
  const nv = norm(v);
  switch (a.op) {
    case "equals":
      return norm(a.value) === nv;
    case "in":
      return nv !== "" && prep(a).set!.has(nv);
    case "range":
      return typeof nv === "number" && nv >= (a.min ?? -Infinity) && nv < (a.max ?? Infinity);
    case "prefix":
      return typeof nv === "string" && prep(a).texts!.some((p) => nv.startsWith(p));
    case "suffix":
      return typeof nv === "string" && prep(a).texts!.some((s) => nv.endsWith(s));
    case "isEmpty":
      return (a.value ?? true) === (nv === "");
  }
}

export function contains(a: TRoutingCondition | undefined, b: TRoutingCondition | undefined): boolean {
  if (!a || a.op === "any") return true;
  if (!b || b.op === "any") return false;
  const filledIn = a.op === "isEmpty" && a.value === false;
  switch (b.op) {
    case "equals":
      return acceptsAllEqualTo(a, b.value);
    case "in":
      return b.values.every((v) => norm(v) === "" || acceptsAllEqualTo(a, v));
    case "range":
      if (filledIn) return true;
      return a.op === "range" && (a.min ?? -Infinity) <= (b.min ?? -Infinity) && (b.max ?? Infinity) <= (a.max ?? Infinity);
    case "prefix":
    case "suffix": {
      const qs = prep(b).texts!;
      if (filledIn) return qs.every((q) => q !== "");
      if (a.op !== b.op) return false;
      const ps = prep(a).texts!;
      return qs.every((q) => ps.some((p) => (b.op === "prefix" ? q.startsWith(p) : q.endsWith(p))));
    }
    case "isEmpty":
      return a.op === "isEmpty" && (a.value ?? true) === (b.value ?? true);
  }
}

/** Does the union of `as` accept every value `b` accepts? */
export function unionContains(as: readonly (TRoutingCondition | undefined)[], b: TRoutingCondition | undefined): boolean {
  if (as.some((a) => contains(a, b))) return true;
  if (!b) return false;
  if (b.op === "equals") return as.some((a) => acceptsAllEqualTo(a, b.value));
  if (b.op === "in") return b.values.every((v) => norm(v) === "" || as.some((a) => acceptsAllEqualTo(a, v)));
  if (b.op === "range") {
    const intervals = as
      .filter((a): a is Extract<TRoutingCondition, { op: "range" }> => a?.op === "range")
      .map((a) => [a.min ?? -Infinity, a.max ?? Infinity] as const)
      .sort((x, y) => x[0] - y[0]);
    let reached = b.min ?? -Infinity;
    const end = b.max ?? Infinity;
    for (const [lo, hi] of intervals) {
      if (lo > reached) break;
      if (hi > reached) reached = hi;
      if (reached >= end) return true;
    }
    return reached >= end;
  }
  return false;
}

function candidates(c: TRoutingCondition): TFactValue[] {
  switch (c.op) {
    case "any":
      return [];
    case "equals":
      return [c.value];
    case "in":
      return [...c.values];
    case "range": {
      const lo = c.min ?? (c.max !== undefined ? c.max - 1 : 0);
      const hi = c.max ?? lo + 1;
      return [lo, (lo + hi) / 2, hi - 1];
    }
    case "prefix":
    case "suffix":
      return [...c.values];
    case "isEmpty":
      return [undefined, "x"];
  }
}

/** A value both conditions accept, or undefined when none was found (see the file comment). */
export function witness(a: TRoutingCondition | undefined, b: TRoutingCondition | undefined): { value: TFactValue } | undefined {
  const ta = a ? prep(a).test : () => true;
  const tb = b ? prep(b).test : () => true;
  const pool: TFactValue[] = [...(a ? candidates(a) : []), ...(b ? candidates(b) : []), undefined, "other", 0, true, false];
  if (a?.op === "prefix" && b?.op === "suffix") for (const p of a.values) for (const s of b.values) pool.push(p + s);
  if (a?.op === "suffix" && b?.op === "prefix") for (const p of b.values) for (const s of a.values) pool.push(p + s);
  if (a?.op === "prefix" && b?.op === "prefix") for (const p of a.values) for (const q of b.values) pool.push(p.length > q.length ? p : q);
  if (a?.op === "suffix" && b?.op === "suffix") for (const p of a.values) for (const q of b.values) pool.push(p.length > q.length ? p : q);
  for (const v of pool) if (ta(v) && tb(v)) return { value: v };
  return undefined;
}
