// Plain input and output shapes of the scoring engine. Activities are the small subset of an
// activity record the engine needs; the caller maps its rows into them.
import type { TFacts } from "@/lib/engine/conditions/evaluate";

export type { TFacts };

export type TActivity = { readonly type: string; readonly occurredAt: Date };

export type TScoreGroup = "fit" | "engagement" | "negative";

export type TBreakdownItem = {
  readonly group: TScoreGroup;
  readonly ruleId: string;
  readonly label: string;
  /** Points this rule adds (negative for negative rules); engagement points are unrounded. */
  readonly points: number;
  /** Why, in plain words: "employees is at least 2000 (it is 5000)". */
  readonly detail: string;
};

export type TScoreTotals = {
  readonly fit: number;
  readonly engagement: number;
  readonly negative: number;
  /** fit + engagement + negative, clamped to 0..100. */
  readonly total: number;
  readonly isMql: boolean;
};

export type TScoreResult = TScoreTotals & {
  /** Every rule that contributed, in model order (fit, engagement, negative). */
  readonly breakdown: readonly TBreakdownItem[];
  /** The verdict and each contribution as sentences, for the UI and the API. */
  readonly reasons: readonly string[];
  /** The verdict alone (without the contributions, which the breakdown states): the decision log's reasons. */
  readonly summary: readonly string[];
};
