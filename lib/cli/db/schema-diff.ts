// "What SQL would take the database the migrations folder builds to what schema.prisma
// describes?" Used to author a new migration and by the drift test (expects no SQL).
// The migrations are applied by our own applier to a scratch database, because the
// engine's shadow-database path runs scripts through the pg adapter, which splits them on
// every ";" and so breaks function bodies.
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../project-root";
import { applyMigrations } from "./apply-migrations";
import { createScratchDatabase } from "./scratch-database";
import { openSchemaEngine } from "./schema-engine";

export type SchemaFile = { path: string; content: string };

export function defaultSchemaFiles(): SchemaFile[] {
  const file = path.join(projectRoot(), "prisma", "schema.prisma");
  return [{ path: file, content: fs.readFileSync(file, "utf8") }];
}

export type SchemaDiff = {
  /** Migration SQL, "" when the database already matches the schema. */
  sql: string;
  empty: boolean;
};

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Diffs a live database (its public schema) against Prisma schema files. */
export async function diffDatabaseAgainstSchema(
  databaseUrl: string,
  schemaFiles: SchemaFile[] = defaultSchemaFiles(),
): Promise<SchemaDiff> {
  const handle = await openSchemaEngine(databaseUrl, schemaFiles);
  try {
    const result = await handle.engine.diff({
      from: { tag: "schemaDatasource", files: schemaFiles, configDir: path.dirname(schemaFiles[0]?.path ?? projectRoot()) },
      to: { tag: "schemaDatamodel", files: schemaFiles },
      script: true,
      exitCode: true, // 0: no difference, 2: a difference
      filters: NO_FILTERS,
    });
    const empty = result.exitCode === 0;
    return { sql: empty ? "" : (result.stdout ?? "").trim() + "\n", empty };
  } finally {
    await handle.close();
  }
}

/**
 * Applies the migrations folder to a fresh scratch database on the server `serverUrl`
 * points at (the user needs CREATEDB), diffs it against the schema, drops the scratch DB.
 */
export async function diffMigrationsAgainstSchema(opts: {
  serverUrl: string;
  migrationsDir?: string;
  schemaFiles?: SchemaFile[];
  log?: (m: string) => void;
}): Promise<SchemaDiff> {
  const scratch = await createScratchDatabase(opts.serverUrl);
  try {
    await applyMigrations(scratch.url, { migrationsDir: opts.migrationsDir, log: opts.log });
    return await diffDatabaseAgainstSchema(scratch.url, opts.schemaFiles ?? defaultSchemaFiles());
  } finally {
    await scratch.drop();
  }
}
