import "server-only";
import { db } from "../db";
import { appendDecision } from "../decision-log";

// Uploads that nothing came to use. A rep uploads evidence while filling in the request form,
// but the file belongs to a request only once a draft or submission names it; an import file
// belongs to the job runs started from it. Files left behind by an abandoned form or wizard
// would otherwise stay in the database for ever. Removal is logged, with names and owners.

/** Evidence nobody attached after a week, import files no run used after a day, or whose runs all ended a month ago. */
export const ORPHAN_AGE = { evidenceDays: 7, unusedImportDays: 1, finishedImportDays: 30 } as const;

export type TSweptFile = { id: string; purpose: string; name: string; size: number; uploaded_by_id: string | null };

export async function sweepOrphanFiles(now: Date = new Date()): Promise<{ removed: TSweptFile[] }> {
  const day = 86_400_000;
  const evidenceBefore = new Date(now.getTime() - ORPHAN_AGE.evidenceDays * day);
  const unusedImportBefore = new Date(now.getTime() - ORPHAN_AGE.unusedImportDays * day);
  const finishedImportBefore = new Date(now.getTime() - ORPHAN_AGE.finishedImportDays * day);
  return db().$transaction(async (tx) => {
    // Evidence is referenced from exception_requests.evidence (drafts included) as { fileId }.
    const removed = await tx.$queryRaw<TSweptFile[]>`
      WITH referenced AS (
        SELECT DISTINCT (e->>'fileId') AS id
        FROM exception_requests r, jsonb_array_elements(CASE WHEN jsonb_typeof(r.evidence) = 'array' THEN r.evidence ELSE '[]'::jsonb END) AS e
        WHERE e ? 'fileId'
      )
      DELETE FROM stored_files f
      WHERE (f.purpose = 'EVIDENCE' AND f.created_at < ${evidenceBefore}
             AND NOT EXISTS (SELECT 1 FROM referenced WHERE referenced.id = f.id::text))
         OR (f.purpose = 'IMPORT'
             -- no run of it is still going or ended within the last month ...
             AND NOT EXISTS (SELECT 1 FROM job_runs j WHERE j.subject_id = f.id AND (j.finished_at IS NULL OR j.finished_at >= ${finishedImportBefore}))
             -- ... and it was never used after a day, or it is older than a month (its runs ended before that)
             AND ((f.created_at < ${unusedImportBefore} AND NOT EXISTS (SELECT 1 FROM job_runs j WHERE j.subject_id = f.id))
                  OR f.created_at < ${finishedImportBefore}))
      RETURNING f.id::text AS id, f.purpose, f.name, f.size, f.uploaded_by_id::text AS uploaded_by_id`;
    if (removed.length > 0) {
      await appendDecision(tx, {
        kind: "files.swept",
        subjectType: "stored_files",
        subjectId: "orphans",
        input: { evidenceOlderThan: evidenceBefore.toISOString(), unusedImportOlderThan: unusedImportBefore.toISOString(), finishedImportOlderThan: finishedImportBefore.toISOString() },
        output: { removed: removed.map((f) => ({ id: f.id, purpose: f.purpose, name: f.name, size: f.size, uploadedById: f.uploaded_by_id })) },
        reasons: [
          `Removed ${removed.length} uploaded file${removed.length === 1 ? "" : "s"} nothing uses: evidence not attached to any request or draft within ${ORPHAN_AGE.evidenceDays} days, and import files no import used within ${ORPHAN_AGE.unusedImportDays} day or whose imports ended over ${ORPHAN_AGE.finishedImportDays} days ago.`,
        ],
      });
    }
    return { removed };
  });
}
