// `npm run db:migration:new -- --name <snake_name>`: writes the next migration, the SQL
// that takes "all migrations applied" to what prisma/schema.prisma describes — what
// `prisma migrate dev --create-only` would do, but offline (docs/decisions/0002-migrations-offline.md).
// Options: --empty writes an empty migration to fill by hand (CHECKs, triggers);
// --check writes nothing and exits 1 when the schema and the migrations differ.
// Uses DATABASE_URL's server for a scratch database, or a throwaway embedded Postgres.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startThrowawayPostgres } from "../pg/throwaway";
import { defaultMigrationsDir, LOCKFILE_CONTENT, LOCKFILE_NAME, nextTimestamp, readMigrations } from "./migration-files";
import { diffMigrationsAgainstSchema } from "./schema-diff";

const log = (m: string) => console.log(`[migration] ${m}`);

function writeMigration(migrationsDir: string, name: string, sql: string): string {
  const stamp = nextTimestamp(readMigrations(migrationsDir).map((m) => m.name));
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  const lockfile = path.join(migrationsDir, LOCKFILE_NAME);
  if (!fs.existsSync(lockfile)) fs.writeFileSync(lockfile, LOCKFILE_CONTENT);
  return dir;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { name: { type: "string" }, empty: { type: "boolean" }, check: { type: "boolean" } },
  });
  const migrationsDir = defaultMigrationsDir();
  const name = values.name ?? "";
  if (!values.check && !/^[a-z][a-z0-9_]{0,60}$/.test(name)) {
    console.error("usage: npm run db:migration:new -- --name <snake_case_name> [--empty] | --check");
    return 2;
  }
  if (values.empty) {
    const dir = writeMigration(migrationsDir, name, "-- Written by hand: what schema.prisma cannot express.\n");
    log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql (empty)`);
    return 0;
  }

  const t0 = Date.now();
  const fromEnv = process.env.DATABASE_URL;
  const server = fromEnv ? undefined : await startThrowawayPostgres({ log, prefix: "arbiter-author" });
  try {
    const serverUrl = fromEnv ?? server!.url;
    log(fromEnv ? "using a scratch database on DATABASE_URL's server" : "using a throwaway embedded Postgres");
    const diff = await diffMigrationsAgainstSchema({ serverUrl, migrationsDir });
    if (diff.empty) {
      log(`no changes: the migrations already match prisma/schema.prisma (${Date.now() - t0} ms)`);
      return 0;
    }
    if (values.check) {
      console.error("prisma/schema.prisma and prisma/migrations differ; the missing migration would be:\n");
      console.error(diff.sql);
      return 1;
    }
    const dir = writeMigration(migrationsDir, name, diff.sql);
    log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql (${Date.now() - t0} ms); review it before committing`);
    return 0;
  } finally {
    await server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
