// A SIGKILLed parent leaves its embedded Postgres running (or a postmaster.pid behind),
// and the next start then fails with an unhelpful `undefined`. This looks at the pid file
// before starting and cleans up what an earlier, dead run left.
import fs from "node:fs";
import path from "node:path";

type Log = (m: string) => void;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}

function parentPid(pid: number): number | undefined {
  const stat = readProc(pid, "stat");
  if (!stat) return undefined;
  // "pid (comm) state ppid ..." — comm may contain spaces, so split after the last ")".
  const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ppid = Number(after[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

function isPostgres(pid: number): boolean {
  const comm = readProc(pid, "comm")?.trim() ?? "";
  const cmdline = readProc(pid, "cmdline") ?? "";
  return comm === "postgres" || cmdline.includes("/postgres\0");
}

async function waitGone(pid: number, pidFile: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid) && !fs.existsSync(pidFile)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * Stops an orphaned server for `dataDir` or removes a pid file whose process is gone.
 * Refuses (throws) when a live process that is not an orphan owns the directory: that is
 * another running `npm run dev` or test run, and killing it would be rude.
 */
export async function clearStaleServer(dataDir: string, log: Log): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  let content: string;
  try {
    content = fs.readFileSync(pidFile, "utf8");
  } catch {
    return;
  }
  const pid = Number(content.split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) {
    fs.rmSync(pidFile, { force: true });
    log(`removed stale ${pidFile} (process ${Number.isInteger(pid) ? pid : "?"} is gone)`);
    return;
  }
  const ppid = parentPid(pid);
  const parentComm = ppid && ppid > 1 ? readProc(ppid, "comm")?.trim() : undefined;
  if (parentComm === "node") {
    throw new Error(
      `A Postgres server (pid ${pid}) started by a running process (node, pid ${ppid}) already uses ${dataDir}. ` +
        `Stop that process first, or point DATABASE_URL at a server of your own.`,
    );
  }
  log(`found Postgres pid ${pid} left running by an earlier run on ${dataDir}; stopping it`);
  process.kill(pid, "SIGINT"); // "fast" shutdown: roll back open transactions, then exit
  if (await waitGone(pid, pidFile, 15_000)) {
    log(`stopped stale Postgres pid ${pid}`);
    return;
  }
  process.kill(pid, "SIGQUIT"); // "immediate" shutdown; recovery runs at next start
  if (!(await waitGone(pid, pidFile, 5_000))) {
    throw new Error(`Stale Postgres pid ${pid} on ${dataDir} did not stop; kill it by hand.`);
  }
  fs.rmSync(pidFile, { force: true });
  log(`stopped stale Postgres pid ${pid} (immediate shutdown)`);
}
