// Reads the public CRM sample export (../shared/data/crm-opportunities beside the repo) as
// calibration rows: closed deals only, outcome = Won, firmographics from the account and the
// agent's regional office. Returns undefined when the files are not there.
import fs from "node:fs";
import path from "node:path";
import type { TCalibrationRow } from "../features";

export const CRM_DIR = path.resolve(import.meta.dirname, "../../../..", "../shared/data/crm-opportunities");

/** The export has no quoted fields; refuse rather than misread one if that changes. */
function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(path.join(CRM_DIR, file), "utf8");
  if (text.includes('"')) throw new Error(`${file} has quoted fields; this reader does not handle them`);
  const [head, ...lines] = text.split(/\r?\n/).filter((l) => l.length > 0);
  const names = head!.split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ""]));
  });
}

export function crmCalibrationRows(): TCalibrationRow[] | undefined {
  if (!fs.existsSync(path.join(CRM_DIR, "sales_pipeline.csv"))) return undefined;
  const accounts = new Map(readCsv("accounts.csv").map((a) => [a.account!, a]));
  const offices = new Map(readCsv("sales_teams.csv").map((t) => [t.sales_agent!, t.regional_office!]));
  return readCsv("sales_pipeline.csv")
    .filter((o) => o.deal_stage === "Won" || o.deal_stage === "Lost")
    .map((o) => {
      const account = accounts.get(o.account!);
      return {
        id: o.opportunity_id!,
        outcome: o.deal_stage === "Won",
        attributes: {
          sector: account?.sector ?? null,
          product: o.product ?? null,
          revenue: account?.revenue ?? null,
          employees: account?.employees ?? null,
          office_location: account?.office_location ?? null,
          regional_office: offices.get(o.sales_agent!) ?? null,
        },
      };
    });
}
