// Erlang C (M/M/N queue) capacity model for the SLA planner: leads arrive at random
// (Poisson) at `arrivalsPerHour`, each takes `handleMinutes` of a rep on average
// (exponential), `agents` reps work one shared queue and nobody gives up waiting.
//
//   offered load  A  = arrivalsPerHour / 60 × handleMinutes        (erlangs)
//   Erlang B      B(0) = 1,  B(k) = A·B(k−1) / (k + A·B(k−1))       (stable for any N)
//   Erlang C      C  = N·B(N) / (N − A·(1 − B(N)))                 (P(wait > 0), needs N > A)
//   service level SL = 1 − C · exp(−(N − A) · T / h)                (P(wait ≤ T))
//   speed of answer ASA = C · h / (N − A)                          (mean wait)
//
// The textbook form A^N/N! · N/(N−A) / (Σ A^k/k! + …) overflows near N = 170; the Erlang B
// recursion never leaves [0, 1], so hundreds or thousands of agents are fine.

export interface TCapacityInput {
  arrivalsPerHour: number;
  agents: number;
  handleMinutes: number;
  targetMinutes: number;
  /** Share of leads to answer within targetMinutes; default 0.8. */
  targetServiceLevel?: number;
}

export type TCapacityResult =
  | {
      ok: true;
      offeredLoad: number;
      occupancy: number;
      probabilityOfWaiting: number;
      serviceLevel: number;
      averageSpeedOfAnswerMinutes: number;
      /** Smallest number of reps meeting the target; null when no staffing can (target 100%). */
      agentsForTarget: number | null;
      reasons: string[];
    }
  | {
      ok: false;
      error: string;
      /** Present when the inputs were valid but the queue is unstable: what would meet the target. */
      agentsForTarget?: number | null;
    };

export const DEFAULT_TARGET_SERVICE_LEVEL = 0.8;
/** Beyond this the model is no longer a planning aid (and the search would get slow). */
export const MAX_AGENTS = 100_000;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const reps = (n: number) => `${n} ${n === 1 ? "rep" : "reps"}`;
const mins = (x: number) => `${Number(x.toFixed(2))} min`;

interface TQueue {
  probabilityOfWaiting: number;
  serviceLevel: number;
  averageSpeedOfAnswerMinutes: number;
}

/** Queue figures for N agents given Erlang B at N; requires N > A (or A = 0). */
function queueFigures(n: number, a: number, erlangB: number, handle: number, target: number): TQueue {
  if (a === 0) return { probabilityOfWaiting: 0, serviceLevel: 1, averageSpeedOfAnswerMinutes: 0 };
  const c = (n * erlangB) / (n - a * (1 - erlangB));
  return {
    probabilityOfWaiting: c,
    serviceLevel: Math.min(1, Math.max(0, 1 - c * Math.exp((-(n - a) * target) / handle))),
    averageSpeedOfAnswerMinutes: (c * handle) / (n - a),
  };
}

/** Erlang B blocking probability for n servers and load a (exported for tests). */
export function erlangB(n: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Smallest N >= 1 whose service level reaches `goal`, walking the Erlang B recursion upward
 * once (O(answer)). Null when unreachable: a goal of 1 is never met while leads can wait.
 */
function agentsFor(a: number, handle: number, target: number, goal: number): number | null {
  if (a === 0) return 1;
  // Mathematically some lead always waits past T; checked here because in floating point
  // 1 − C rounds to exactly 1 once C < 1e-16, which would "meet" a 100% target.
  if (goal >= 1) return null;
  const limit = Math.min(MAX_AGENTS, Math.ceil(a) + 1000 + 50 * Math.ceil(Math.sqrt(a)));
  let b = 1;
  for (let n = 1; n <= limit; n++) {
    b = (a * b) / (n + a * b);
    if (n > a && queueFigures(n, a, b, handle, target).serviceLevel >= goal) return n;
  }
  return null;
}

function validate(input: TCapacityInput): string | undefined {
  const { arrivalsPerHour, agents, handleMinutes, targetMinutes, targetServiceLevel } = input;
  const finite = (x: unknown) => typeof x === "number" && Number.isFinite(x);
  if (!finite(arrivalsPerHour) || arrivalsPerHour < 0) return "Leads per hour must be a number of at least 0";
  if (!finite(agents) || !Number.isInteger(agents) || agents < 1) return "Reps on shift must be a whole number of at least 1";
  if (agents > MAX_AGENTS) return `Reps on shift must be at most ${MAX_AGENTS}`;
  if (!finite(handleMinutes) || handleMinutes <= 0) return "Average handling time must be more than 0 minutes";
  if (!finite(targetMinutes) || targetMinutes < 0) return "The SLA target must be a number of minutes of at least 0";
  if (targetServiceLevel !== undefined && (!finite(targetServiceLevel) || targetServiceLevel <= 0 || targetServiceLevel > 1)) {
    return "The target share must be above 0 and at most 1 (0.8 = 80% of leads within the SLA)";
  }
  if ((arrivalsPerHour / 60) * handleMinutes >= MAX_AGENTS) return `The offered load must stay below ${MAX_AGENTS} erlangs`;
  return undefined;
}

/** Predicts how a plan performs and how many reps meet its target. Never returns NaN. */
export function erlangC(input: TCapacityInput): TCapacityResult {
  const problem = validate(input);
  if (problem !== undefined) return { ok: false, error: problem };
  const { arrivalsPerHour, agents: n, handleMinutes: h, targetMinutes: t } = input;
  const goal = input.targetServiceLevel ?? DEFAULT_TARGET_SERVICE_LEVEL;
  const a = (arrivalsPerHour / 60) * h;
  const needed = agentsFor(a, h, t, goal);
  const goalText = `${pct(goal)} within ${mins(t)}`;

  if (a > 0 && n <= a) {
    const stable = Math.floor(a) + 1;
    return {
      ok: false,
      error:
        `${reps(n)} cannot keep up with ${a.toFixed(1)} erlangs of work (${arrivalsPerHour} leads/h × ${mins(h)}): ` +
        `at least ${stable} are needed for the queue to be stable` +
        (needed === null ? "" : `, and ${needed} to answer ${goalText}`),
      agentsForTarget: needed,
    };
  }

  const q = queueFigures(n, a, erlangB(n, a), h, t);
  const reasons = [
    `Offered load ${a.toFixed(2)} erlangs: ${arrivalsPerHour} leads/h × ${mins(h)} of handling`,
    `Occupancy ${pct(a / n)} with ${reps(n)}`,
    `${pct(q.probabilityOfWaiting)} of leads wait; on average ${mins(q.averageSpeedOfAnswerMinutes)} before a rep picks them up`,
    `${pct(q.serviceLevel)} answered within ${mins(t)} (target ${pct(goal)}): ${q.serviceLevel >= goal ? "met" : "NOT met"}`,
    needed === null
      ? `No number of reps answers ${goalText}: with random arrivals some leads always wait; lower the target share`
      : `${reps(needed)} needed for ${goalText}`,
  ];
  if (a / n > 0.85) reasons.push("Occupancy above 85% leaves no slack for breaks, meetings or a burst of leads");
  return {
    ok: true,
    offeredLoad: a,
    occupancy: a / n,
    probabilityOfWaiting: q.probabilityOfWaiting,
    serviceLevel: q.serviceLevel,
    averageSpeedOfAnswerMinutes: q.averageSpeedOfAnswerMinutes,
    agentsForTarget: needed,
    reasons,
  };
}
