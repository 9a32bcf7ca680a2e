// CPU time of other processes (Linux /proc), to say where a benchmark's CPU went: the app
// server's process group and the Postgres server (postmaster and its backends).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** cpuMs: the process's own; reapedMs: its children's that have exited and been waited for. */
type TStat = { pid: number; ppid: number; pgrp: number; cpuMs: number; reapedMs: number };

function stat(pid: number): TStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const [utime, stime, cutime, cstime] = [Number(fields[11]), Number(fields[12]), Number(fields[13]), Number(fields[14])];
    const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
    return { pid, ppid: Number(fields[1]), pgrp: Number(fields[2]), cpuMs: ms(utime + stime), reapedMs: ms(cutime + cstime) };
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

/**
 * CPU ms used so far by a Postgres server (its postmaster.pid in dataDir): the postmaster, its
 * live children, and the children that have exited (a backend whose connection a pool closed
 * takes its CPU time with it, into the postmaster's reaped-children count).
 */
export function postgresCpuMs(dataDir: string): number {
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  return allStats()
    .filter((s) => s.pid === postmaster || s.ppid === postmaster)
    .reduce((sum, s) => sum + s.cpuMs + (s.pid === postmaster ? s.reapedMs : 0), 0);
}
