// CPU time of other processes (Linux /proc), to say where a benchmark's CPU went: the app
// server's process group and the Postgres server (postmaster and its backends).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

type TStat = { pid: number; ppid: number; pgrp: number; cpuMs: number };

function stat(pid: number): TStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const [utime, stime] = [Number(fields[11]), Number(fields[12])];
    return { pid, ppid: Number(fields[1]), pgrp: Number(fields[2]), cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND };
  } catch {
    return null; // exited meanwhile
  }
}

function allStats(): TStat[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((d) => stat(Number(d)))
    .filter((s): s is TStat => s !== null);
}

/** CPU ms used so far by every live process of a process group (a detached child's group). */
export function groupCpuMs(pgrp: number): number {
  return allStats()
    .filter((s) => s.pgrp === pgrp)
    .reduce((sum, s) => sum + s.cpuMs, 0);
}

/** CPU ms used so far by a Postgres server (its postmaster.pid in dataDir) and its live children. */
export function postgresCpuMs(dataDir: string): number {
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  return allStats()
    .filter((s) => s.pid === postmaster || s.ppid === postmaster)
    .reduce((sum, s) => sum + s.cpuMs, 0);
}
