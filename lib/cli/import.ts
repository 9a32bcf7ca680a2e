// `npm run arbiter -- import leads|accounts|opportunities --file F [--mapping M.json] [--dry-run] [--historical]`
// Runs in this process (no worker needed) through the same commands as the /imports page,
// printing progress and a summary. Exit codes: 0 all rows imported, 4 some rows refused,
// 2 bad arguments, 1 the file or mapping was refused.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

export const IMPORT_HELP = `  import leads|accounts|opportunities --file F [--mapping M.json] [--dry-run] [--historical]
                                            import a CSV file (UTF-8). The mapping file is JSON:
                                            {"CSV header": "field" | "custom" | "custom:<name>" | "ignore"};
                                            without it the mapping is suggested from the headers.
                                            --dry-run reports row errors and counts, writing nothing.
                                            --historical: leads are history (not routed, no clocks)`;

type TProblem = { line: number; column?: string; message: string };

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: "string" }, mapping: { type: "string" }, "dry-run": { type: "boolean" }, historical: { type: "boolean" } } });
  const { IMPORT_KINDS, mappingFromShorthand } = await import("@/lib/engine/import");
  const kind = positionals[0] as (typeof IMPORT_KINDS)[number] | undefined;
  if (!kind || !IMPORT_KINDS.includes(kind) || !values.file) {
    console.error(`Usage: npm run arbiter -- import ${IMPORT_KINDS.join("|")} --file F [--mapping M.json] [--dry-run] [--historical]`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(values.file);
  } catch {
    console.error(`Cannot read ${values.file}.`);
    return 2;
  }
  let mapping: Record<string, unknown> | null = null;
  if (values.mapping) {
    try {
      const raw = JSON.parse(readFileSync(values.mapping, "utf8")) as Record<string, unknown>;
      const parsed = mappingFromShorthand((raw.columns ?? raw) as Record<string, unknown>);
      if (!parsed.ok) throw new Error(parsed.message);
      mapping = parsed.mapping;
    } catch (error) {
      console.error(`The mapping file ${values.mapping} is not usable: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
  }

  const { DomainError } = await import("@/lib/server/errors");
  const { uploadImportFile } = await import("@/lib/server/import/upload-import-file");
  const { dryRunImport } = await import("@/lib/server/import/dry-run-import");
  const { startImport } = await import("@/lib/server/import/start-import");
  const { runImport } = await import("@/lib/server/import/run-import");
  try {
    const file = await uploadImportFile({ actor: null, kind, name: values.file.split("/").pop() ?? "import.csv", bytes });
    const columns = (mapping ?? file.suggestedMapping) as Parameters<typeof dryRunImport>[0]["input"]["mapping"];
    console.log(`${file.name}: ${file.rowCount} rows, columns: ${file.headers.map((h) => `${h} → ${describe(columns[h])}`).join(", ")}`);
    if (values["dry-run"]) {
      const report = await dryRunImport({ actor: null, input: { kind, fileId: file.fileId, mapping: columns } });
      console.log(`Dry run (nothing written): ${report.total} rows, ${report.valid} valid, ${report.invalidRows} refused; would create ${report.wouldCreate}, update ${report.wouldUpdate}.`);
      printProblems("Error", report.errors);
      printProblems("Warning", report.warnings);
      for (const note of report.notes) console.log(note);
      return report.invalidRows > 0 ? 4 : 0;
    }
    const { runId } = await startImport({ actor: null, input: { kind, fileId: file.fileId, mapping: columns, historical: values.historical ?? false }, enqueueJob: false });
    let lastShown = -1;
    const summary = await runImport(runId, {
      onProgress: (processed, total) => {
        const pct = total ? Math.floor((processed / total) * 100) : 100;
        if (pct >= lastShown + 10 || processed === total) {
          lastShown = pct;
          console.log(`  ${processed}/${total} rows (${pct}%)`);
        }
      },
    });
    console.log(`Import ${runId} done: ${summary.created} created, ${summary.updated} updated, ${summary.invalidRows} refused of ${summary.total} rows.`);
    printProblems("Error", summary.errors);
    printProblems("Warning", summary.warnings);
    for (const note of summary.notes) console.log(note);
    return summary.invalidRows > 0 ? 4 : 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(error.message);
      for (const [field, messages] of Object.entries(error.fields ?? {})) if (field !== "file") for (const m of messages) console.error(`  ${field}: ${m}`);
      return 1;
    }
    throw error;
  }
}

function describe(target: { to: string; field?: string; name?: string } | undefined): string {
  if (!target) return "(unmapped)";
  return target.to === "field" ? target.field! : target.to === "custom" ? `custom:${target.name}` : "ignored";
}

function printProblems(label: string, problems: readonly TProblem[], limit = 20) {
  for (const p of problems.slice(0, limit)) console.log(`  ${label}: line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.message}`);
  if (problems.length > limit) console.log(`  … and ${problems.length - limit} more`);
}
