// Preloaded into the app server by `bench:intake-api` with BENCH_TRACE=1 (node --import): prints,
// with the wall-clock time, every GC pause and every event-loop stall long enough to show in a
// p99, so the benchmark's slow requests can be matched with what the server was doing then.
import { PerformanceObserver, constants } from "node:perf_hooks";

const GC_MS = 10;
const STALL_MS = 30;
const kinds = { [constants.NODE_PERFORMANCE_GC_MAJOR]: "major", [constants.NODE_PERFORMANCE_GC_MINOR]: "minor", [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental", [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak callbacks" };
const at = (ms) => new Date(performance.timeOrigin + ms).toISOString().slice(11, 23);

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.duration >= GC_MS) process.stderr.write(`[server ${at(e.startTime)}] GC ${kinds[e.detail?.kind] ?? e.detail?.kind} ${e.duration.toFixed(1)} ms (heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB)\n`);
  }
}).observe({ entryTypes: ["gc"] });

// A 10 ms ticker: a tick much later than due means the loop was busy (or the process descheduled).
let expected = performance.now() + 10;
setInterval(() => {
  const now = performance.now();
  const late = now - expected;
  if (late >= STALL_MS) process.stderr.write(`[server ${at(expected)}] event loop ${late.toFixed(0)} ms late\n`);
  expected = now + 10;
}, 10).unref();
