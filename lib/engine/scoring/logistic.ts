// L2-regularised logistic regression on sparse binary features, fitted by Newton's method
// (IRLS) with step halving. Features are one-hot, so each row switches on a handful of them
// and the Hessian is built in O(rows × active²); with at most a few hundred features a
// dense Cholesky solve per step is cheap, and Newton converges in a few steps with no
// learning rate to tune. Deterministic: no randomness, fixed iteration order. One-hot
// features are already on one scale, so no standardisation is needed; the intercept is not
// penalised, and the penalty also makes the full one-hot coding (no reference level)
// well-posed.

export type TLogisticFit = {
  intercept: number;
  weights: Float64Array;
  iterations: number;
  converged: boolean;
  /** Penalised mean log-loss at the solution. */
  loss: number;
};

export type TLogisticOptions = { l2: number; maxIterations?: number; tolerance?: number };

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function linearScore(intercept: number, weights: ArrayLike<number>, active: ArrayLike<number>): number {
  let z = intercept;
  for (let k = 0; k < active.length; k++) z += weights[active[k]!]!;
  return z;
}

function penalisedLoss(theta: Float64Array, rows: readonly Int32Array[], y: ArrayLike<boolean>, l2: number): number {
  let loss = 0;
  for (let i = 0; i < rows.length; i++) {
    const z = linearScore(theta[0]!, theta.subarray(1), rows[i]!);
    // log(1 + e^z) − y·z, written to stay finite for large |z|.
    loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (y[i] ? z : 0);
  }
  let penalty = 0;
  for (let j = 1; j < theta.length; j++) penalty += theta[j]! * theta[j]!;
  return (loss + (l2 / 2) * penalty) / Math.max(1, rows.length);
}

/** Solves A x = b in place for a symmetric positive-definite A (row-major, n × n). */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! * a[j * n + k]!;
    if (!(d > 0)) throw new Error("Hessian is not positive definite");
    const root = Math.sqrt(d);
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / root;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= a[i * n + k]! * x[k]!;
    x[i] = s / a[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= a[k * n + i]! * x[k]!;
    x[i] = s / a[i * n + i]!;
  }
  return x;
}

/**
 * @param rows per row, the indices of its active (value 1) features, each below `dims`.
 * @param l2 penalty λ on Σ w² / 2, in units of the summed (not mean) log-loss.
 */
export function fitLogistic(rows: readonly Int32Array[], y: ArrayLike<boolean>, dims: number, options: TLogisticOptions): TLogisticFit {
  const { l2 } = options;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-9;
  const n = dims + 1; // θ = [intercept, w…]
  let theta = new Float64Array(n);
  const positives = Array.from(y).filter(Boolean).length;
  // Start at the base rate so the first step is already sensible.
  theta[0] = Math.log((positives + 0.5) / (rows.length - positives + 0.5));
  let loss = penalisedLoss(theta, rows, y, l2);
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations && !converged) {
    iterations++;
    const gradient = new Float64Array(n);
    const hessian = new Float64Array(n * n);
    for (let i = 0; i < rows.length; i++) {
      const active = rows[i]!;
      const p = sigmoid(linearScore(theta[0]!, theta.subarray(1), active));
      const r = p - (y[i] ? 1 : 0);
      const s = p * (1 - p);
      gradient[0]! += r;
      hessian[0]! += s;
      for (let a = 0; a < active.length; a++) {
        const j = active[a]! + 1;
        gradient[j]! += r;
        hessian[j]! += s; // row 0, column j (mirrored below)
        for (let b = 0; b < active.length; b++) hessian[j * n + active[b]! + 1]! += s;
      }
    }
    for (let j = 1; j < n; j++) {
      gradient[j]! += l2 * theta[j]!;
      hessian[j * n + j]! += l2;
      hessian[j * n]! = hessian[j]!;
    }
    hessian[0]! += 1e-9; // keeps an all-one-class history solvable
    const step = choleskySolve(hessian, gradient, n);

    // Newton steps can overshoot far from the optimum: halve until the loss goes down.
    let scale = 1;
    let candidate = theta;
    let candidateLoss = loss;
    for (let halving = 0; halving < 30; halving++, scale /= 2) {
      candidate = theta.map((t, j) => t - scale * step[j]!);
      candidateLoss = penalisedLoss(candidate, rows, y, l2);
      if (candidateLoss <= loss) break;
    }
    const maxStep = step.reduce((m, s) => Math.max(m, Math.abs(s * scale)), 0);
    converged = maxStep < 1e-7 || loss - candidateLoss < tolerance;
    if (candidateLoss <= loss) {
      theta = candidate;
      loss = candidateLoss;
    } else converged = true;
  }
  return { intercept: theta[0]!, weights: theta.slice(1), iterations, converged, loss };
}
