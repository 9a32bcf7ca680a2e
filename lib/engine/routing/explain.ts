// Routing explanations in plain words. The expensive part, the first failed condition of
// every earlier row (up to hundreds per lead), is captured eagerly as the per-column row
// bitsets the match already computed, and rendered into words only when read (or
// serialised): routing a burst of leads must not format 500 sentences per lead that
// nobody opens. The rendered text is a pure function of what was captured.
import { describeCondition, describeMiss, formatFact } from "@/lib/engine/conditions/describe";
import type { TFactValue } from "@/lib/engine/conditions/evaluate";
import type { TRoutingCondition } from "@/lib/schemas/policies/common";
import type { TRoutingAction, TRoutingRow } from "@/lib/schemas/policies/routing";
import type { TDirectory, TSkippedMember } from "./availability";
import { hasBit } from "./column-index";
import type { TCompiledMatrix, TMatchState } from "./compile";

export type TRowRef = { rowId: string; rowNumber: number; label: string };
export type TRowMiss = TRowRef & { failed: string };
export type TFellThrough = TRowRef & { why: string };
export type TSkippedInPool = TSkippedMember & { poolId: string };

export type TExplanationJson = {
  policyVersion?: number;
  matchedRow: TRowRef | null;
  rowsBefore: TRowMiss[];
  fellThrough: TFellThrough[];
  skipped: TSkippedInPool[];
  sentence: string;
  facts: Record<string, TFactValue>;
};

const VALUE_LABELS: Record<string, string> = { SMB: "SMB", MID_MARKET: "Mid-market", ENTERPRISE: "Enterprise" };
const BOOLEAN_PHRASES: Record<string, readonly [string, string]> = {
  isNamedAccount: ["Named account", "Not a named account"],
  isPartnerSourced: ["Partner-sourced", "Not partner-sourced"],
  hasAccount: ["Has an account", "No account"],
};

const valueLabel = (v: string | number | boolean): string => (typeof v === "string" ? (VALUE_LABELS[v] ?? v) : formatFact(v));

/** A cell in a few words: "EMEA", "DE/AT", "employees from 200 to under 2000". */
export function cellSummary(attribute: string, condition: TRoutingCondition): string {
  if (condition.op === "equals") {
    const phrases = BOOLEAN_PHRASES[attribute];
    if (typeof condition.value === "boolean") return phrases ? phrases[condition.value ? 0 : 1] : `${attribute} ${formatFact(condition.value)}`;
    return valueLabel(condition.value);
  }
  if (condition.op === "in" && condition.values.length <= 4) return condition.values.map(valueLabel).join("/");
  return describeCondition(attribute, condition);
}

/** "EMEA · Mid-market", in column order; "every lead" for the fallback. */
export function rowSummary(columns: readonly string[], row: TRoutingRow): string {
  const parts: string[] = [];
  for (const key of columns) {
    const condition = Object.hasOwn(row.conditions, key) ? row.conditions[key] : undefined;
    if (condition && condition.op !== "any") parts.push(cellSummary(key, condition));
  }
  return parts.length > 0 ? parts.join(" · ") : "every lead";
}

export function actionPhrase(action: TRoutingAction, matrix: TCompiledMatrix, directory: TDirectory): string {
  switch (action.type) {
    case "ACCOUNT_OWNER":
      return "account owner";
    case "USER":
      return `assigned to ${directory.users[action.userId]?.name ?? action.userId}`;
    case "POOL":
      return `round-robin pool ${matrix.pools.get(action.poolId)?.name ?? action.poolId}`;
    case "QUEUE":
      return `${directory.teams?.[action.teamId]?.name ?? action.teamId} queue`;
  }
}

// Row texts depend only on the (immutable) policy, so they are built once per compiled matrix.
type TRowTexts = { refs: (TRowRef | undefined)[]; summaries: (string | undefined)[] };
const rowTexts = new WeakMap<TCompiledMatrix, TRowTexts>();
function textsOf(matrix: TCompiledMatrix): TRowTexts {
  let texts = rowTexts.get(matrix);
  if (!texts) rowTexts.set(matrix, (texts = { refs: [], summaries: [] }));
  return texts;
}

function summaryOf(matrix: TCompiledMatrix, index: number): string {
  const texts = textsOf(matrix);
  return (texts.summaries[index] ??= rowSummary(matrix.policy.columns, matrix.rows[index]!));
}

/** Shared, frozen row references: callers must not mutate them. */
export function rowRef(matrix: TCompiledMatrix, index: number): TRowRef {
  const texts = textsOf(matrix);
  const cached = texts.refs[index];
  if (cached) return cached;
  const row = matrix.rows[index]!;
  return (texts.refs[index] = Object.freeze({ rowId: row.id, rowNumber: index + 1, label: row.label ?? summaryOf(matrix, index) }));
}

const SKIPPED_IN_SENTENCE = 3;

export function routingSentence(args: {
  matrix: TCompiledMatrix;
  directory: TDirectory;
  rowIndex: number;
  assignee: { kind: "USER"; userId: string } | { kind: "QUEUE"; teamId: string } | { kind: "NONE" };
  fellThrough: readonly TFellThrough[];
  skipped: readonly TSkippedInPool[];
}): string {
  const { matrix, directory, rowIndex, assignee, fellThrough, skipped } = args;
  const fell = fellThrough.map((f) => `row ${f.rowNumber} could not assign (${f.why})`).join("; ");
  if (assignee.kind === "NONE") return `No row could assign this lead${fell ? `: ${fell}` : ""}.`;
  const row = matrix.rows[rowIndex]!;
  const target = assignee.kind === "USER" ? "you" : `the ${directory.teams?.[assignee.teamId]?.name ?? assignee.teamId} queue`;
  let sentence = `Routed to ${target} by row ${rowIndex + 1}: ${summaryOf(matrix, rowIndex)} · ${actionPhrase(row.action, matrix, directory)}`;
  const notes: string[] = [];
  if (skipped.length > 0) {
    const shown = skipped.slice(0, SKIPPED_IN_SENTENCE).map((s) => `${s.name} skipped, ${s.detail}`);
    if (skipped.length > SKIPPED_IN_SENTENCE) shown.push(`${skipped.length - SKIPPED_IN_SENTENCE} more skipped`);
    notes.push(shown.join("; "));
  }
  if (fell) notes.push(fell);
  if (notes.length > 0) sentence += ` — ${notes.join("; ")}`;
  return sentence;
}

/** The first failed condition of every earlier row that did not match, in column order. */
export function renderRowsBefore(matrix: TCompiledMatrix, state: TMatchState, endIndex: number): TRowMiss[] {
  const misses: TRowMiss[] = [];
  const columns = matrix.columns;
  for (let r = 0; r < endIndex; r++) {
    for (let c = 0; c < columns.length; c++) {
      if (hasBit(state.bits[c]!, r)) continue;
      const column = columns[c]!;
      const condition = matrix.rows[r]!.conditions[column.key]!;
      misses.push({ ...rowRef(matrix, r), failed: describeMiss(column.key, condition, state.values[c]) });
      break;
    }
  }
  return misses;
}

export class RoutingExplanation {
  private renderedRows: TRowMiss[] | undefined;

  constructor(
    private readonly matrix: TCompiledMatrix,
    private readonly state: TMatchState,
    /** Rows before this index that did not match are listed in rowsBefore. */
    private readonly endIndex: number,
    readonly matchedRow: TRowRef | null,
    readonly fellThrough: readonly TFellThrough[],
    readonly skipped: readonly TSkippedInPool[],
    readonly sentence: string,
    readonly policyVersion: number | undefined,
  ) {}

  /** Earlier rows that did not match, each with its first failed condition in plain words. */
  get rowsBefore(): readonly TRowMiss[] {
    return (this.renderedRows ??= renderRowsBefore(this.matrix, this.state, this.endIndex));
  }

  /** The facts of the columns the matrix tests: the input snapshot the log keeps. */
  get facts(): Record<string, TFactValue> {
    const facts: Record<string, TFactValue> = {};
    this.matrix.columns.forEach((c, i) => (facts[c.key] = this.state.values[i] ?? null));
    return facts;
  }

  toJSON(): TExplanationJson {
    return {
      ...(this.policyVersion !== undefined ? { policyVersion: this.policyVersion } : {}),
      matchedRow: this.matchedRow,
      rowsBefore: [...this.rowsBefore],
      fellThrough: [...this.fellThrough],
      skipped: [...this.skipped],
      sentence: this.sentence,
      facts: this.facts,
    };
  }
}
