// Seeded synthetic lead history for tests and the benchmark: the outcome follows a known
// logistic function of three informative columns; three more columns are pure noise.
import type { TCalibrationRow } from "../features";

import { mulberry32 } from "@/lib/engine/random/mulberry32";

export const prng = mulberry32;

const INDUSTRIES = ["Software", "Fintech", "Healthcare", "Logistics", "Retail", "Education", "Media", "Government", "Energy", "Travel", "Mining", "Textiles"];
/** Effect on the log-odds per industry; the last two are rare (pooled into "other"). */
const INDUSTRY_EFFECT = [1.2, 0.9, 0.6, 0.3, 0, -0.2, -0.4, -0.8, -1.0, -1.2, 0.5, 0.5];
const INDUSTRY_WEIGHT = [18, 14, 12, 10, 10, 8, 8, 7, 6, 5, 1, 1];

function pick(r: () => number, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let x = r() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

export type TSyntheticRow = TCalibrationRow & { trueLogit: number };

export function syntheticLeads(count: number, seed = 42): TSyntheticRow[] {
  const r = prng(seed);
  const rows: TSyntheticRow[] = [];
  for (let i = 0; i < count; i++) {
    const industry = pick(r, INDUSTRY_WEIGHT);
    const employeesMissing = r() < 0.1;
    const employees = Math.round(10 ** (1 + r() * 3.5)); // 10 … ~30k, log-uniform
    const demo = r() < 0.3;
    const logit =
      -1.6 + INDUSTRY_EFFECT[industry]! + (employeesMissing ? 0 : 0.9 * (Math.log10(employees) - 2.75)) + (demo ? 1.4 : 0);
    const outcome = r() < 1 / (1 + Math.exp(-logit));
    rows.push({
      id: `lead-${i}`,
      outcome,
      trueLogit: logit,
      attributes: {
        industry: INDUSTRIES[industry]!,
        employees: employeesMissing ? null : employees,
        requested_demo: demo,
        // Noise: many levels with missing values, a number, a three-level category.
        favourite_colour: r() < 0.15 ? "" : `colour-${Math.floor(r() * 50)}`,
        lucky_number: Math.round(r() * 1000),
        tier: ["bronze", "silver", "gold"][Math.floor(r() * 3)]!,
      },
    });
  }
  return rows;
}
