// Child processes for `npm run dev`: each in its own process group (so stopping one stops
// everything it spawned, e.g. next dev's server workers), output prefixed per line.
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";

export type Child = {
  name: string;
  process: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const COLORS = ["\x1b[36m", "\x1b[35m", "\x1b[33m", "\x1b[32m"];

export function prefixer(name: string, index: number): (line: string) => void {
  const color = process.stdout.isTTY ? (COLORS[index % COLORS.length] ?? "") : "";
  const reset = color ? "\x1b[0m" : "";
  const tag = `${color}[${name}]${reset} `;
  return (line) => process.stdout.write(`${tag}${line}\n`);
}

export function startChild(
  name: string,
  index: number,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Child {
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const print = prefixer(name, index);
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream, crlfDelay: Infinity }).on("line", print);
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (e) => {
      print(`could not start: ${e.message}`);
      resolve({ code: 127, signal: null });
    });
  });
  return { name, process: child, exited };
}

function signalGroup(child: Child, signal: NodeJS.Signals): void {
  const pid = child.process.pid;
  if (!pid) return;
  try {
    process.kill(-pid, signal); // the whole group: the child and what it spawned
  } catch {
    // group already gone
  }
}

export function isRunning(child: Child): boolean {
  return child.process.exitCode === null && child.process.signalCode === null;
}

/** Whether any process of the child's group is still alive (the leader may be gone already). */
function groupAlive(child: Child): boolean {
  const pid = child.process.pid;
  if (!pid) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(child: Child, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([child.exited, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
  while (groupAlive(child)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/** SIGTERM to each child's process group; SIGKILL to whatever still runs after `graceMs`. */
export async function stopChildren(children: Child[], graceMs = 10_000): Promise<void> {
  const alive = children.filter(groupAlive);
  for (const c of alive) signalGroup(c, "SIGTERM");
  await Promise.all(
    alive.map(async (c) => {
      if (await groupGone(c, graceMs)) return;
      prefixer(c.name, 0)(`did not stop within ${graceMs / 1000}s; killing it`);
      signalGroup(c, "SIGKILL");
      await c.exited;
    }),
  );
}

/** Last resort when this process exits without a clean stop: leave no orphaned groups. */
export function killChildrenNow(children: Child[]): void {
  for (const c of children) signalGroup(c, "SIGKILL");
}
