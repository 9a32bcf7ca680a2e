// Benchmark (not a test): business-time arithmetic and the Erlang C capacity model.
//   npm run bench:sla
// Inputs come from a seeded generator so runs are comparable; they are built before the
// clock starts. The calendar's per-day cache is warm after the first pass over its ~2 years,
// which is the steady state of a server that keeps compiled calendars around.
import { erlangC } from "@/lib/engine/capacity/erlang-c";
import { addBusinessMinutes, businessMinutesBetween, compileCalendar } from "@/lib/engine/sla";
import { mulberry32 } from "@/lib/engine/random/mulberry32";

const rand = mulberry32(7);

function time(label: string, count: number, run: () => number): void {
  const t0 = performance.now();
  const checksum = run();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(52)} ${String(count).padStart(9)} ops  ${((count / ms) * 1000).toFixed(0).padStart(10)} ops/s  (${ms.toFixed(0)} ms, checksum ${checksum.toFixed(0)})`);
}

const split: [string, string][] = [["09:00", "12:00"], ["13:00", "17:00"]];
const holidays = ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25", "2026-10-03", "2026-12-25", "2026-12-26",
  "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01", "2027-05-06", "2027-05-17", "2027-10-03", "2027-12-25", "2027-12-26"];
const berlin = compileCalendar({ id: "berlin", timezone: "Europe/Berlin", workingHours: { mon: split, tue: split, wed: split, thu: split, fri: split }, holidays });

const N = 1_000_000;
const from = Date.UTC(2026, 0, 1);
const span = 2 * 365 * 86_400_000;
const starts = new Float64Array(N);
const minutes = new Float64Array(N);
const ends = new Float64Array(N);
for (let i = 0; i < N; i++) {
  starts[i] = from + Math.floor(rand() * span / 60_000) * 60_000;
  minutes[i] = Math.floor(rand() * 4 * 480); // up to ~4 business days: a typical SLA clock
  ends[i] = starts[i]! + Math.floor(rand() * 30 * 1440) * 60_000; // up to 30 days later
}

console.log(`SLA engine benchmark (${process.platform}, node ${process.version})`);
time("compile one day of spans (cold cache; ops = days)", 730, () => {
  let sum = 0;
  for (let d = 0; d < 730; d++) sum += berlin.spansOfDay(Math.floor(from / 86_400_000) + d).length;
  return sum;
});
time("addBusinessMinutes, Berlin 09–12 + 13–17, holidays", N, () => {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += addBusinessMinutes(berlin, new Date(starts[i]!), minutes[i]!).getTime() / 1e9;
  return sum;
});
time("businessMinutesBetween, same calendar, ≤ 30 days", N, () => {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += businessMinutesBetween(berlin, new Date(starts[i]!), new Date(ends[i]!));
  return sum;
});

const M = 100_000;
const plans = Array.from({ length: M }, () => {
  const agents = 1 + Math.floor(rand() * 500);
  const handleMinutes = 1 + rand() * 29;
  const load = agents * (0.5 + rand() * 0.48);
  return { arrivalsPerHour: (load * 60) / handleMinutes, agents, handleMinutes, targetMinutes: rand() * 10 };
});
time("erlangC (1–500 reps, incl. agentsForTarget search)", M, () => {
  let sum = 0;
  for (const p of plans) {
    const r = erlangC(p);
    if (r.ok) sum += r.agentsForTarget ?? 0;
  }
  return sum;
});
