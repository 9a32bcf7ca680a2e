// Playwright's web server: a throwaway embedded Postgres, migrated and seeded with the demo
// organisation, the background worker, and `next start` on 127.0.0.1 — stopped together
// on SIGTERM (Playwright's graceful shutdown). Requires a prior `next build`.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";
import { seedDemo } from "@/prisma/seed";
import { startMailCatcher } from "@/test/support/mail-catcher";
import { apiKeyFile } from "./api-key";
import { giveDemoRepMqls } from "./mql-fixtures";
import { giveDemoRepSlaClocks } from "./sla-fixtures";

const port = Number(process.env.E2E_PORT ?? 3100);
const log = (m: string) => console.log(`[e2e-server] ${m}`);

// Outgoing mail goes to a local catcher (SMTP on any free port: only this process and the app
// it starts need it); specs read the captured mails over HTTP on E2E_PORT + 2000 (e2e/support/mail.ts).
const mail = await startMailCatcher({ port: 0, httpPort: port + 2000 });
process.env.SMTP_HOST = "127.0.0.1";
process.env.SMTP_PORT = String(mail.port);
process.env.APP_URL = `http://127.0.0.1:${port}`;
log(`mail catcher: SMTP on ${mail.port}, captured mails at http://127.0.0.1:${mail.httpPort}/messages`);

const pg = await startThrowawayPostgres({ prefix: "arbiter-e2e", log, ownSignals: true });
const databaseUrl = pg.url;
process.env.DATABASE_URL = databaseUrl;
await applyMigrations(databaseUrl, { log });
const seeded = await seedDemo({ databaseUrl, scale: 0.2, log: () => {} });
log(`seeded demo organisation in ${seeded.ms} ms`);
log(`gave the demo rep ${await giveDemoRepMqls(databaseUrl)} MQLs to decide`);
log(`gave the demo rep an overdue SLA clock on ${await giveDemoRepSlaClocks(databaseUrl)}`);
{
  const { createApiKey } = await import("@/lib/server/api-keys");
  writeFileSync(apiKeyFile(port), (await createApiKey({ actorId: null, userEmail: "revops@arbiter.demo", name: "e2e" })).key, { mode: 0o600 });
}

const { startWorker } = await import("@/lib/server/jobs/worker");
const worker = await startWorker({ databaseUrl, log });

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  NODE_ENV: "production" as const,
  AUTH_SECRET: "e2e-only-secret-not-for-production-use",
  APP_URL: `http://127.0.0.1:${port}`,
  PORT: String(port),
};
// Idle keep-alive sockets stay open for the run: with Node's 5 s default, the server can close one
// just as the test client reuses it for a request, which then fails with ECONNRESET (seen in CI).
const next = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port), "--keepAliveTimeout", "120000"], { env, stdio: "inherit", detached: true });

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (next.pid && next.exitCode === null) {
    try {
      process.kill(-next.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await worker.stop().catch(() => undefined);
  void mail.close().catch(() => undefined); // not awaited: it would wait for idle SMTP connections
  await pg.stop().catch(() => undefined);
  process.exit(code);
}
next.on("exit", (code) => void stop(stopping ? 0 : (code ?? 1)));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));
