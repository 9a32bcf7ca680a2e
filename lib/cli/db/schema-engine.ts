// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm), talking to Postgres
// through @prisma/adapter-pg. The native engine the Prisma CLI wants cannot be downloaded
// on our machines; this official WASM build of the same engine can diff schemas offline.
// See docs/decisions/0002-migrations-offline.md.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQueryable,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

type Bindings = typeof import("@prisma/schema-engine-wasm");

let bindings: Promise<Bindings> | undefined;

/**
 * The package's entry imports the .wasm file as an ES module, which Node 20 cannot do
 * without a flag, so we instantiate it by hand with the package's own JS glue.
 */
function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Bindings & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    // The engine reports panics through this global before throwing.
    g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m: string) => console.error(`schema engine panic: ${m}`) };
    const bytes = fs.readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindings;
}

const PG_CHAR_OID = 18; // Postgres's internal one-byte "char" (pg_class.relkind, pg_constraint.contype, ...)
const PG_TEXT_OID = 25;
// Appended to the name of a "char" column; Postgres identifiers cannot contain NUL.
const CHAR_MARK = "\u0000char";

type FieldList = { dataTypeID: number; name: string }[];

function markCharColumns<T>(result: T): T {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results as { fields?: FieldList }[]) {
    for (const f of r?.fields ?? []) {
      if (f.dataTypeID !== PG_CHAR_OID) continue;
      f.dataTypeID = PG_TEXT_OID;
      f.name += CHAR_MARK;
    }
  }
  return result;
}

/**
 * The engine's schema describer selects pg_catalog columns of type "char" and reads them
 * as characters, but the pg adapter rejects that type (UnsupportedNativeDataType). This
 * client relabels such columns as text and marks their names; `withCharColumns` then
 * reports them to the engine as `Character` columns.
 */
class CharMarkingClient extends pg.Client {
  // pg's query() has many overloads; this wrapper forwards every form unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config?.submit === "function") return super.query(config, values, callback);
    if (typeof values === "function") {
      callback = values;
      values = undefined;
    }
    if (typeof callback === "function") {
      const cb = callback as (err: Error | null, res: unknown) => void;
      return super.query(config, values, (err: Error | null, res: unknown) => cb(err, err ? res : markCharColumns(res)));
    }
    return (super.query(config, values) as Promise<unknown>).then(markCharColumns);
  }
}

function unmark(result: SqlResultSet): SqlResultSet {
  result.columnNames.forEach((name, i) => {
    if (!name.endsWith(CHAR_MARK)) return;
    result.columnNames[i] = name.slice(0, -CHAR_MARK.length);
    result.columnTypes[i] = ColumnTypeEnum.Character;
  });
  return result;
}

function withCharColumns<T extends SqlQueryable & { startTransaction?: SqlDriverAdapter["startTransaction"] }>(q: T): T {
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query) => unmark(await queryRaw(query));
  const startTransaction = q.startTransaction?.bind(q);
  if (startTransaction) q.startTransaction = async (level) => withCharColumns(await startTransaction(level));
  return q;
}

/**
 * The engine expects the adapter protocol Prisma's own clients use: methods called
 * detached from their object, returning `{ ok, value | error }` results.
 * `bindMigrationAwareSqlAdapterFactory` is Prisma's wrapper for exactly that.
 */
function engineAdapter(pool: pg.Pool) {
  const factory = new PrismaPg(pool);
  return bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withCharColumns(await factory.connect()),
    connectToShadowDb: async () => withCharColumns(await factory.connectToShadowDb()),
  });
}

export type EngineHandle = { engine: SchemaEngine; close(): Promise<void> };

/**
 * An engine bound to `databaseUrl`: the database behind `{ tag: "schemaDatasource" }` diff
 * targets and the history commands (`{ tag: "url" }` targets are refused by the WASM
 * build). `logs` receives the engine's JSON log lines.
 */
export async function openSchemaEngine(
  databaseUrl: string,
  schemaFiles: { path: string; content: string }[],
  logs?: (line: string) => void,
): Promise<EngineHandle> {
  const { SchemaEngine } = await loadBindings();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, Client: CharMarkingClient });
  const adapter = engineAdapter(pool);
  const engine = await SchemaEngine.new(
    { datamodels: schemaFiles.map((f) => [f.path, f.content] as [string, string]) },
    (line: string) => logs?.(line),
    adapter,
  );
  return {
    engine,
    async close() {
      engine.free();
      await pool.end();
    },
  };
}
