// Integration tests run against real Postgres: TEST_DATABASE_URL or DATABASE_URL's server
// when set (the user needs CREATEDB; superuser for tests that disable triggers), otherwise
// a throwaway embedded Postgres. All migrations are applied once to a template database;
// setup-database.ts clones it for each test file.
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../lib/cli/db/apply-migrations";
import { createDatabase, dropDatabase, quoteIdent, withClient, withDatabase } from "../../lib/cli/db/scratch-database";
import { startThrowawayPostgres } from "../../lib/cli/pg/throwaway";

export const TEMPLATE_DATABASE = "arbiter_test_template";

const log = (m: string) => console.log(`[test-db] ${m}`);

async function dropTemplate(adminUrl: string): Promise<void> {
  await withClient(adminUrl, async (c) => {
    const found = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [TEMPLATE_DATABASE]);
    if (found.rowCount === 0) return;
    await c.query(`ALTER DATABASE ${quoteIdent(TEMPLATE_DATABASE)} WITH IS_TEMPLATE false ALLOW_CONNECTIONS true`);
  });
  await dropDatabase(adminUrl, TEMPLATE_DATABASE);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const t0 = Date.now();
  const external = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const server = external ? undefined : await startThrowawayPostgres({ prefix: "arbiter-test", log });
  const adminUrl = external ?? withDatabase(server!.url, "postgres");

  await dropTemplate(adminUrl);
  const templateUrl = await createDatabase(adminUrl, TEMPLATE_DATABASE);
  await applyMigrations(templateUrl);
  // Nobody connects to the template by accident (a connection would block cloning).
  await withClient(adminUrl, (c) =>
    c.query(`ALTER DATABASE ${quoteIdent(TEMPLATE_DATABASE)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`),
  );
  const prefix = `arbiter_t_${randomBytes(3).toString("hex")}`;
  log(`${external ? "external server" : "embedded Postgres"} ready with migrated template in ${Date.now() - t0} ms`);

  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplateDatabase", TEMPLATE_DATABASE);
  project.provide("pgDatabasePrefix", prefix);

  return async () => {
    try {
      const names = await withClient(adminUrl, async (c) => {
        const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [
          `${prefix}_`,
        ]);
        return rows.map((r) => r.datname);
      });
      for (const name of names) await dropDatabase(adminUrl, name);
      await dropTemplate(adminUrl);
    } finally {
      await server?.stop();
    }
  };
}
