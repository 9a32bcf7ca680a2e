import "server-only";
import { db } from "../db";
import { RESCORE_KIND } from "./rescore-job";

export type TRescoreProgress = { id: string; status: string; processed: number; total: number; changed: number; movedToMql: number; superseded: boolean; error: string | null; finishedAt: Date | null };

/** The latest rescoring run of each scoring version (keyed by version id), for the versions page. */
export async function rescoreProgressByVersion(versionIds: string[]): Promise<Map<string, TRescoreProgress>> {
  const runs = await db().jobRun.findMany({ where: { kind: RESCORE_KIND, subjectId: { in: versionIds } }, orderBy: { createdAt: "desc" } });
  const latest = new Map<string, TRescoreProgress>();
  for (const run of runs) {
    if (!run.subjectId || latest.has(run.subjectId)) continue;
    const result = (run.result ?? {}) as { changed?: number; movedToMql?: number; superseded?: boolean };
    latest.set(run.subjectId, {
      id: run.id,
      status: run.status,
      processed: run.processed,
      total: run.total,
      changed: result.changed ?? 0,
      movedToMql: result.movedToMql ?? 0,
      superseded: result.superseded ?? false,
      error: run.error,
      finishedAt: run.finishedAt,
    });
  }
  return latest;
}
