// Summarises a V8 CPU profile (.cpuprofile, as `node --cpu-prof` writes): self time per area
// of the code (a package, a folder of ours, node internals) and the top functions.
import { readFileSync } from "node:fs";

type TProfile = {
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
};

export function summariseProfile(file: string, options: { areas?: number; functions?: number } = {}): string[] {
  const profile = JSON.parse(readFileSync(file, "utf8")) as TProfile;
  const sampled = new Map<number, number>(); // node id → µs, from the real gaps between samples
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) sampled.set(samples[i]!, (sampled.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? 0));
  const self = new Map<string, number>();
  const area = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = sampled.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, "").replace(/^.*?\/(node_modules\/|\.next\/|lib\/|app\/)/, "$1");
    self.set(`${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`, (self.get(`${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`) ?? 0) + us);
    const group =
      url === "" ? functionName
      : file.startsWith("node_modules/") ? file.split("/").slice(0, file.startsWith("node_modules/@") ? 3 : 2).join("/")
      : url.startsWith("node:") ? "node internals"
      : file.split("/").slice(0, 3).join("/");
    area.set(group, (area.get(group) ?? 0) + us);
  }
  const wall = profile.endTime - profile.startTime;
  const lines = [`${(wall / 1e6).toFixed(1)} s sampled; (idle) = the event loop waiting`];
  for (const [k, us] of [...area].sort((a, b) => b[1] - a[1]).slice(0, options.areas ?? 16)) lines.push(`  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / wall).toFixed(1).padStart(5)} %  ${k}`);
  lines.push("top functions by self time:");
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, options.functions ?? 25)) lines.push(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  return lines;
}

if (process.argv[1]?.endsWith("profile-summary.ts")) {
  for (const file of process.argv.slice(2)) console.log([file, ...summariseProfile(file)].join("\n"));
}
