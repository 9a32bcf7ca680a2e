import "server-only";
import type { TColumnMapping } from "@/lib/engine/import";
import { IMPORT_JOB_KINDS } from "@/lib/schemas/import";
import { db } from "../db";
import type { TImportSummary } from "./run-import";

export type TImportRunView = {
  id: string;
  kind: string;
  status: string;
  fileName: string | null;
  historical: boolean;
  total: number;
  processed: number;
  result: TImportSummary | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  createdBy: string | null;
};

function view(run: { id: string; kind: string; status: string; input: unknown; total: number; processed: number; result: unknown; error: string | null; createdAt: Date; finishedAt: Date | null }, names: Map<string, string>, createdById: string | null): TImportRunView {
  const input = run.input as { fileName?: string; historical?: boolean };
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    fileName: input.fileName ?? null,
    historical: input.historical ?? false,
    total: run.total,
    processed: run.processed,
    result: (run.result as TImportSummary | null) ?? null,
    error: run.error,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    createdBy: createdById ? (names.get(createdById) ?? null) : null,
  };
}

export async function listImportRuns(options: { page: number; pageSize: number; sort?: "createdAt" | "kind" | "status"; dir?: "asc" | "desc" }): Promise<{ rows: TImportRunView[]; total: number }> {
  const where = { kind: { in: IMPORT_JOB_KINDS } };
  const [runs, total] = await Promise.all([
    db().jobRun.findMany({ where, orderBy: [{ [options.sort ?? "createdAt"]: options.dir ?? "desc" }, { createdAt: "desc" }], skip: (options.page - 1) * options.pageSize, take: options.pageSize }),
    db().jobRun.count({ where }),
  ]);
  const ids = [...new Set(runs.map((r) => r.createdById).filter((x): x is string => !!x))];
  const names = new Map((await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return { rows: runs.map((r) => view(r, names, r.createdById)), total };
}

export async function getImportRun(runId: string): Promise<TImportRunView | null> {
  const run = await db().jobRun.findFirst({ where: { id: runId, kind: { in: IMPORT_JOB_KINDS } } });
  if (!run) return null;
  const names = new Map<string, string>();
  if (run.createdById) {
    const u = await db().user.findUnique({ where: { id: run.createdById }, select: { name: true } });
    if (u) names.set(run.createdById, u.name);
  }
  return view(run, names, run.createdById);
}

export async function listImportMappings(): Promise<{ id: string; kind: string; name: string; mapping: TColumnMapping }[]> {
  const rows = await db().importMapping.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], select: { id: true, kind: true, name: true, mapping: true } });
  return rows.map((r) => ({ ...r, mapping: r.mapping as TColumnMapping }));
}
