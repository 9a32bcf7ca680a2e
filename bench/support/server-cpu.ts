// Benchmark support (not product code): CPU time used by a local PostgreSQL server's processes
// (the postmaster's children: backends, WAL writer, ...), read from /proc. On a shared machine
// CPU time per command is the figure that does not depend on what else runs.
import fs from "node:fs";
import path from "node:path";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) of the server whose data directory is `dataDir`, or null off Linux. */
export function serverCpuSeconds(dataDir: string): number | null {
  try {
    const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    let ticks = 0;
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // the process ended meanwhile
      }
      // Fields after the command name "(...)": state ppid ... utime(14) stime(15), counted from 1.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pid = Number(entry);
      if (pid !== postmaster && Number(fields[1]) !== postmaster) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
