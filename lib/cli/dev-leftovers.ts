// A `npm run dev` killed with SIGKILL cannot stop its children: `next dev` and the worker run
// in their own process groups and would keep port 3000 and the database busy. The runner
// records its children here; the next run stops whatever a dead runner left behind.
// (Postgres itself is handled by stale-server.ts through its postmaster.pid.)
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "./project-root";

type TRecord = { parent: number; groups: { name: string; pgid: number; startTicks: string | null }[] };

const file = () => path.join(projectRoot(), ".data", "dev-processes.json");

/** Kernel start time of a process: tells a leftover apart from an unrelated process that reuses its pid. */
function startTicks(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function alive(pid: number, group = false): boolean {
  try {
    process.kill(group ? -pid : pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function recordDevProcesses(groups: { name: string; pgid: number }[]): void {
  const record: TRecord = { parent: process.pid, groups: groups.map((g) => ({ ...g, startTicks: startTicks(g.pgid) })) };
  fs.mkdirSync(path.dirname(file()), { recursive: true });
  fs.writeFileSync(file(), JSON.stringify(record));
}

export function forgetDevProcesses(): void {
  fs.rmSync(file(), { force: true });
}

/** Stops the process groups a crashed earlier run left; refuses if that run is still alive. */
export async function stopLeftoverDevProcesses(log: (m: string) => void): Promise<void> {
  let record: TRecord;
  try {
    record = JSON.parse(fs.readFileSync(file(), "utf8")) as TRecord;
  } catch {
    return;
  }
  if (record.parent !== process.pid && alive(record.parent)) {
    throw new Error(`Another \`npm run dev\` (pid ${record.parent}) is running for this project. Stop it first (Ctrl-C in its terminal).`);
  }
  for (const group of record.groups) {
    if (!alive(group.pgid, true)) continue;
    const leaderTicks = startTicks(group.pgid);
    if (leaderTicks !== null && group.startTicks !== null && leaderTicks !== group.startTicks) continue; // pid reused by someone else
    log(`stopping ${group.name} (process group ${group.pgid}) left running by a crashed earlier run`);
    process.kill(-group.pgid, "SIGTERM");
    for (let waited = 0; alive(group.pgid, true) && waited < 10_000; waited += 200) await new Promise((r) => setTimeout(r, 200));
    if (alive(group.pgid, true)) process.kill(-group.pgid, "SIGKILL");
  }
  forgetDevProcesses();
}
