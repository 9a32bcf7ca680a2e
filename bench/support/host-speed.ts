// Benchmark support (not product code): how fast this machine's CPU is right now. This VM shares
// its host; the same code has measured up to twice as slow from one quarter of an hour to the
// next, with nothing else running in the VM. A benchmark prints this before and after its run,
// so that its figures can be read against the speed of the machine they were taken on.
//
// The work is fixed and single-threaded, and close to what the app does: JSON text of a
// decision-log-like object, SHA-256 of it, and some object building. Lower is faster.
import { createHash } from "node:crypto";

const SAMPLE = {
  kind: "lead.scored",
  facts: { email: "ana@example.com", company: "Example AG", title: "VP Sales", country: "DE", region: "EMEA", employees: 278, score: 50 },
  breakdown: Array.from({ length: 6 }, (_, i) => ({ group: "fit", ruleId: `rule-${i}`, label: `Rule ${i}`, points: 5 * i, detail: `value ${i} is in range` })),
};

function oneRound(): number {
  let acc = 0;
  for (let i = 0; i < 10_000; i++) {
    const text = JSON.stringify({ ...SAMPLE, seq: i });
    acc ^= createHash("sha256").update(text).digest()[0]!;
  }
  return acc;
}

/** Median milliseconds of the fixed work over `rounds` repetitions (after one to warm up). */
export function hostSpeedMs(rounds = 5): number {
  oneRound();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    oneRound();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function hostSpeedLine(when: string): string {
  return `host speed ${when}: the fixed CPU check took ${hostSpeedMs().toFixed(1)} ms (median of 5; lower is faster; bench/support/host-speed.ts)`;
}
