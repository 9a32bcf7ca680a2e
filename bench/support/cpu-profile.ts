// Benchmark support (not product code): a V8 sampling profile of this process summed by area
// of the code (a package, a folder of ours, node internals, idle) and by function.
import type { Profiler } from "node:inspector";

function area(url: string, functionName: string): string {
  if (url === "") return functionName || "(native)";
  if (url.startsWith("node:")) return "node internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/(lib\/[^/]+\/[^/]+|bench|prisma)\//.exec(url);
  return ours ? ours[1]! : url;
}

export function profileSummary(profile: Profiler.Profile, top = Number(process.env.BENCH_PROFILE_TOP ?? 12)): string[] {
  const wallUs = profile.endTime - profile.startTime;
  const perSample = wallUs / Math.max(1, profile.samples?.length ?? 1);
  const hits = new Map<number, number>();
  for (const id of profile.samples ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const n = hits.get(node.id);
    if (!n) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + n * perSample);
    const file = url.replace(/^file:\/\//, "").replace(`${process.cwd()}/`, "").replace(/^.*\/node_modules\//, "");
    const f = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    byFunction.set(f, (byFunction.get(f) ?? 0) + n * perSample);
  }
  const rows = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / wallUs).toFixed(1).padStart(5)} %  ${k}`);
  return [`CPU profile of this process (${(wallUs / 1e6).toFixed(1)} s sampled; "(idle)" is waiting for Postgres):`, ...rows(byArea), "top functions by self time:", ...rows(byFunction)];
}
