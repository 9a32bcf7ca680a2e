// Our migration runner must keep Prisma's bookkeeping exactly, so that `prisma migrate
// deploy` on a connected machine sees the same history.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { applyMigrations } from "../../lib/cli/db/apply-migrations";
import { checksumOf, defaultMigrationsDir, readMigrations } from "../../lib/cli/db/migration-files";
import { createScratchDatabase, withClient, type ScratchDatabase } from "../../lib/cli/db/scratch-database";
import { openSchemaEngine } from "../../lib/cli/db/schema-engine";
import { defaultSchemaFiles } from "../../lib/cli/db/schema-diff";

const scratch: ScratchDatabase[] = [];
async function freshDatabase(): Promise<string> {
  const db = await createScratchDatabase(inject("pgAdminUrl"), "arbiter_apply");
  scratch.push(db);
  return db.url;
}
afterAll(async () => {
  for (const db of scratch) await db.drop();
});

type Row = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; logs: string | null; applied_steps_count: number };
const history = (url: string) =>
  withClient(url, async (c) => (await c.query<Row>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name')).rows);

function copyMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arbiter-migrations-"));
  fs.cpSync(defaultMigrationsDir(), dir, { recursive: true });
  return dir;
}

function migrationsList(dir: string) {
  const lockfile = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockfile) ? fs.readFileSync(lockfile, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: readMigrations(dir).map((m) => ({
      path: m.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: m.sql } },
    })),
  };
}

describe("applyMigrations", () => {
  const local = readMigrations();

  it("applies every migration once, then nothing on a second run", async () => {
    expect(local.length).toBeGreaterThanOrEqual(2);
    const url = await freshDatabase();
    const first = await applyMigrations(url);
    expect(first.applied).toEqual(local.map((m) => m.name));
    const second = await applyMigrations(url);
    expect(second.applied).toEqual([]);
  });

  it("records each migration the way Prisma does (name, sha256 checksum, finished, one step)", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    const rows = await history(url);
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const file = local[i]!;
      expect(row.checksum).toBe(checksumOf(fs.readFileSync(file.file, "utf8")));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("leaves a history Prisma's own engine considers applied and unedited", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    const handle = await openSchemaEngine(url, defaultSchemaFiles());
    try {
      const diagnosis = await handle.engine.diagnoseMigrationHistory({
        migrationsList: migrationsList(defaultMigrationsDir()),
        optInToShadowDatabase: false,
        filters: { externalTables: [], externalEnums: [] },
      });
      expect(diagnosis).toMatchObject({ hasMigrationsTable: true, history: null, editedMigrationNames: [], failedMigrationNames: [] });
    } finally {
      await handle.close();
    }
  });

  it("creates _prisma_migrations with the same columns as Prisma's engine", async () => {
    const ours = await freshDatabase();
    await applyMigrations(ours);
    const theirs = await freshDatabase();
    const handle = await openSchemaEngine(theirs, defaultSchemaFiles());
    try {
      const first = local[0]!.name;
      await handle.engine.markMigrationApplied({ migrationName: first, migrationsList: migrationsList(defaultMigrationsDir()) });
    } finally {
      await handle.close();
    }
    const columns = (url: string) =>
      withClient(url, async (c) =>
        (
          await c.query(
            `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
               FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
          )
        ).rows,
      );
    expect(await columns(ours)).toEqual(await columns(theirs));
    expect((await history(theirs))[0]?.checksum).toBe(local[0]!.checksum);
  });

  it("refuses when an applied migration's recorded checksum no longer matches its file", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    await withClient(url, (c) =>
      c.query(`UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2`, ["0".repeat(64), local[0]!.name]),
    );
    await expect(applyMigrations(url)).rejects.toThrow(new RegExp(`${local[0]!.name} was edited after it was applied`));
  });

  it("refuses when an applied migration's file was edited", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    const dir = copyMigrations();
    try {
      const target = path.join(dir, local[1]!.name, "migration.sql");
      fs.appendFileSync(target, "\n-- a sneaky edit\n");
      await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/edited after it was applied/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rolls back a failing migration entirely and says where it failed", async () => {
    const url = await freshDatabase();
    const dir = copyMigrations();
    try {
      fs.mkdirSync(path.join(dir, "29991231000000_broken"));
      fs.writeFileSync(
        path.join(dir, "29991231000000_broken", "migration.sql"),
        'CREATE TABLE "half_done" (id int);\n\nSELEC oops;\n',
      );
      await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/29991231000000_broken failed \(line 3\)/);
      const rows = await history(url);
      expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
      const table = await withClient(url, (c) => c.query("SELECT to_regclass('half_done') AS t"));
      expect(table.rows[0]?.t).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("serialises concurrent runs: each migration is applied exactly once", async () => {
    const url = await freshDatabase();
    const results = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
    const applied = results.flatMap((r) => r.applied).sort();
    expect(applied).toEqual(local.map((m) => m.name).sort());
    expect((await history(url)).length).toBe(local.length);
  });
});
