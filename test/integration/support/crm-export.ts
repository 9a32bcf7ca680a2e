// Where the real CRM export lives: next to the repository (../shared/data/crm-opportunities)
// in the project layout, or wherever ARBITER_CRM_EXPORT_DIR points. It is read, never copied.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const CANDIDATES = [
  process.env.ARBITER_CRM_EXPORT_DIR,
  path.resolve(import.meta.dirname, "../../../../shared/data/crm-opportunities"),
  path.resolve(import.meta.dirname, "../../../../../shared/data/crm-opportunities"),
].filter((p): p is string => !!p);

export function crmExportDir(): string {
  const dir = CANDIDATES.find((d) => existsSync(path.join(d, "accounts.csv")));
  if (!dir) throw new Error(`The real CRM export was not found (looked in ${CANDIDATES.join(", ")}); set ARBITER_CRM_EXPORT_DIR.`);
  return dir;
}

export function readExport(file: string): Buffer {
  return readFileSync(path.join(crmExportDir(), file));
}

/** Data rows of a CSV without quoted line breaks (true of this export). */
export function dataRows(file: string): string[][] {
  return readExport(file).toString("utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
}
