// Screens calibration columns: does a column's level (or bin) say anything about the
// outcome beyond chance? A likelihood-ratio (G) test of independence per column, on the
// training rows. Without it, a column of noise still gets points (scaling to 0–100 makes
// any coefficient, however small, worth points) and the proposal ranks leads by chance.

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: ~15 significant digits). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < 9; i++) sum += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Regularised upper incomplete gamma Q(a, x): series below a + 1, continued fraction above. */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  // Modified Lentz evaluation of the continued fraction for Q.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(logPrefix) * h);
}

/** P(χ²_df ≥ statistic). */
export function chiSquareSurvival(statistic: number, df: number): number {
  return df <= 0 ? 1 : gammaQ(df / 2, statistic / 2);
}

export type TIndependenceTest = { g: number; df: number; pValue: number };

/** G test of levels × outcome from per-level counts (levels with no rows are ignored). */
export function gTest(support: readonly number[], positives: readonly number[]): TIndependenceTest {
  const n = support.reduce((s, x) => s + x, 0);
  const pos = positives.reduce((s, x) => s + x, 0);
  const levels = support.filter((x) => x > 0).length;
  if (n === 0 || pos === 0 || pos === n || levels < 2) return { g: 0, df: Math.max(0, levels - 1), pValue: 1 };
  const rate = pos / n;
  const part = (observed: number, expected: number) => (observed > 0 ? observed * Math.log(observed / expected) : 0);
  let g = 0;
  support.forEach((count, i) => {
    if (count === 0) return;
    const p = positives[i]!;
    g += part(p, count * rate) + part(count - p, count * (1 - rate));
  });
  g *= 2;
  return { g, df: levels - 1, pValue: chiSquareSurvival(g, levels - 1) };
}
