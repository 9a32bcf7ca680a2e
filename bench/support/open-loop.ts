// An open-loop load generator: request k is due at k / rate seconds after the start, whatever
// the earlier requests are doing, and its latency is measured from that due time, not from
// when it was actually sent. A closed loop (autocannon's connections × overallRate) stops
// sending while the server is slow, so the slow moments hide themselves ("coordinated
// omission"); here a stalled server or a late timer shows up in the figures.
export type TOpenLoopResult = {
  /** Latency in ms from each request's due time to its response's last byte, successes only. */
  samples: number[];
  /** [due time in ms from the start, latency in ms] of each success: where in the run the slow ones were. */
  timeline: [number, number][];
  /** Response status (0 = network error) → count. */
  statuses: Map<number, number>;
  /** How late the scheduler itself sent requests (ms): a loaded load generator shows here. */
  maxSendLagMs: number;
  seconds: number;
};

export async function runOpenLoop(options: { rate: number; seconds: number; send: (k: number) => Promise<number> }): Promise<TOpenLoopResult> {
  const total = Math.round(options.rate * options.seconds);
  const samples: number[] = [];
  const timeline: [number, number][] = [];
  const statuses = new Map<number, number>();
  const inFlight: Promise<void>[] = [];
  let maxSendLagMs = 0;
  const t0 = performance.now();
  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
    inFlight.push(
      options.send(k).then(
        (status) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 200 && status < 300) {
            samples.push(performance.now() - due);
            timeline.push([due - t0, performance.now() - due]);
          }
        },
        () => void statuses.set(0, (statuses.get(0) ?? 0) + 1),
      ),
    );
  }
  await Promise.all(inFlight);
  return { samples, timeline, statuses, maxSendLagMs, seconds: (performance.now() - t0) / 1000 };
}

export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** One line per `bucketMs` of the run: its p50 and max, to tell a steady tail from an episode. */
export function timelineLines(timeline: readonly [number, number][], bucketMs: number): string[] {
  const buckets = new Map<number, number[]>();
  for (const [at, ms] of timeline) {
    const b = Math.floor(at / bucketMs);
    buckets.set(b, [...(buckets.get(b) ?? []), ms]);
  }
  return [...buckets].sort((a, b) => a[0] - b[0]).map(([b, xs]) => `  ${String((b * bucketMs) / 1000).padStart(4)} s  p50 ${percentile(xs, 50).toFixed(0).padStart(5)} ms  max ${Math.max(...xs).toFixed(0).padStart(5)} ms`);
}
