// `npm run dev`: everything a developer needs from `npm install && npm run dev`.
// Without DATABASE_URL it starts an embedded Postgres (data kept between runs), applies
// migrations, seeds the demo organisation into an empty database, then runs the worker
// and `next dev` until Ctrl-C. CLI code reads process.env directly (lib/server/env.ts is
// for the app).
import path from "node:path";
import { applyMigrations } from "./db/apply-migrations";
import { forgetDevProcesses, recordDevProcesses, stopLeftoverDevProcesses } from "./dev-leftovers";
import { withClient } from "./db/scratch-database";
import { defaultDataDir, isPortFree, startEmbeddedPostgres, type EmbeddedPostgres } from "./pg/embedded";
import { projectRoot } from "./project-root";
import { killChildrenNow, prefixer, startChild, stopChildren, type Child } from "./supervisor";

const DEFAULT_PG_PORT = 54329;
const DEMO_LOGIN = { email: "rep@arbiter.demo", password: "arbiter-demo" };

const say = prefixer("dev", 3);
const root = projectRoot();
const children: Child[] = [];
let pg: EmbeddedPostgres | undefined;
let stopping: Promise<never> | undefined;

function parsePort(value: string | undefined, fallback: number, name: string): number {
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}=${value} is not a port number`);
  return port;
}

/** Stops the children, then Postgres, then exits. Safe to call more than once. */
function shutdown(code: number, why: string): Promise<never> {
  stopping ??= (async () => {
    say(why);
    try {
      await stopChildren(children);
      forgetDevProcesses();
      await pg?.stop();
    } catch (e) {
      say(`error while stopping: ${e instanceof Error ? e.message : String(e)}`);
      code = code || 1;
    }
    process.exit(code);
  })();
  return stopping;
}

async function countUsers(databaseUrl: string): Promise<{ users: number; demo: boolean }> {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query<{ users: number; demo: boolean }>(
      "SELECT count(*)::int AS users, bool_or(email = $1) IS TRUE AS demo FROM users",
      [DEMO_LOGIN.email],
    );
    return rows[0] ?? { users: 0, demo: false };
  });
}

async function seedIfEmpty(databaseUrl: string): Promise<void> {
  if ((await countUsers(databaseUrl)).users > 0) return;
  say("empty database: seeding the demo organisation");
  const t0 = Date.now();
  const { seedDemo } = await import("../../prisma/seed/index");
  const result = await seedDemo({ databaseUrl, log: (m: string) => say(`seed: ${m}`) });
  say(result.seeded ? `seeded in ${Date.now() - t0} ms` : `seed skipped: ${result.reason ?? "no reason given"}`);
}

async function main(): Promise<void> {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (stopping) {
        say("stopping now");
        killChildrenNow(children);
        return;
      }
      void shutdown(0, `${signal}: stopping (again to force)`);
    });
  }
  process.on("exit", () => killChildrenNow(children.filter((c) => c.process.exitCode === null)));

  await stopLeftoverDevProcesses(say);
  const webPort = parsePort(process.env.PORT, 3000, "PORT");
  if (!(await isPortFree(webPort, "0.0.0.0"))) {
    throw new Error(`Port ${webPort} is already in use (another \`npm run dev\`?). Stop it or run with PORT=<other port>.`);
  }

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const port = parsePort(process.env.ARBITER_PG_PORT, DEFAULT_PG_PORT, "ARBITER_PG_PORT");
    pg = await startEmbeddedPostgres({
      dataDir: defaultDataDir("pg-dev"),
      port,
      log: prefixer("pg", 2),
      ownSignals: true,
      onUnexpectedExit: (code, signal) => void shutdown(1, `Postgres exited unexpectedly (${signal ?? `code ${code}`})`),
    });
    databaseUrl = pg.url;
  } else {
    say("using DATABASE_URL");
  }

  await applyMigrations(databaseUrl, { log: prefixer("migrate", 1) });
  await seedIfEmpty(databaseUrl);

  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development" };
  const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
  children.push(startChild("worker", 0, bin("tsx"), ["--conditions=react-server", "lib/cli/worker.ts"], { cwd: root, env }));
  children.push(startChild("web", 1, bin("next"), ["dev", "-p", String(webPort)], { cwd: root, env }));
  recordDevProcesses(children.flatMap((c) => (c.process.pid ? [{ name: c.name, pgid: c.process.pid }] : [])));
  for (const child of children) {
    void child.exited.then(({ code, signal }) => {
      if (!stopping) void shutdown(code || 1, `${child.name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
    });
  }

  const { demo } = await countUsers(databaseUrl);
  say(`Arbiter: http://localhost:${webPort}`);
  if (demo) say(`demo log-in: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password} (other roles: see README)`);
  if (pg) say(`database: ${pg.url} (data in ${pg.dataDir})`);
  say("Ctrl-C stops everything");
}

main().catch((e: unknown) => {
  say(e instanceof Error ? e.message : String(e));
  void shutdown(1, "could not start");
});
