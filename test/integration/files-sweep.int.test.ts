// The daily sweep of uploads nothing uses: evidence never attached, import files never imported
// or whose imports ended long ago. Files a draft, a request or a recent run names stay.
import { beforeAll, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { saveExceptionDraft } from "@/lib/server/commands/exceptions/save-exception-draft";
import { storeEvidenceFile } from "@/lib/server/commands/exceptions/evidence-files";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";
import { sweepOrphanFiles } from "@/lib/server/files/sweep-orphan-files";
import { seedDemo } from "@/prisma/seed";
import { newOpportunity, sessionUser } from "./support/deal-desk";

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

async function evidence(rep: TSessionUser, name: string, uploadedDaysAgo: number) {
  const file = await storeEvidenceFile({ actor: rep, name, bytes: PDF });
  await db().storedFile.update({ where: { id: file.id }, data: { createdAt: daysAgo(uploadedDaysAgo) } });
  return file.id;
}

async function importFile(name: string, uploadedDaysAgo: number, runs: { finishedDaysAgo: number | null }[]) {
  const file = await db().storedFile.create({
    data: { purpose: "IMPORT", name, contentType: "text/csv", size: 4, sha256: "x", content: Buffer.from("a,b\n") as Uint8Array<ArrayBuffer>, createdAt: daysAgo(uploadedDaysAgo) },
  });
  for (const run of runs) {
    await db().jobRun.create({
      data: { kind: "IMPORT_LEADS", subjectId: file.id, status: run.finishedDaysAgo === null ? "RUNNING" : "SUCCEEDED", finishedAt: run.finishedDaysAgo === null ? null : daysAgo(run.finishedDaysAgo) },
    });
  }
  return file.id;
}

describe("sweeping unused uploads", () => {
  let rep: TSessionUser;
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    rep = await sessionUser("rep@arbiter.demo");
  });

  it("removes only what nothing uses, logs each removal, and finds nothing more on a second run", async () => {
    const opportunityId = await newOpportunity(rep.id, 10_000);
    const keep = {
      draft: await evidence(rep, "in-draft.pdf", 30),
      fresh: await evidence(rep, "still-filling-in.pdf", 2),
      importFresh: await importFile("new.csv", 0.5, []),
      importRunning: await importFile("running.csv", 40, [{ finishedDaysAgo: null }]),
      importRecent: await importFile("recent.csv", 40, [{ finishedDaysAgo: 3 }]),
    };
    await saveExceptionDraft({
      actor: rep,
      input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 12 }], justification: "", impactedKpi: "", evidenceLinks: [], attachmentIds: [keep.draft] },
    });
    const gone = {
      abandoned: await evidence(rep, "abandoned.pdf", 8),
      importUnused: await importFile("never-imported.csv", 2, []),
      importOld: await importFile("old.csv", 45, [{ finishedDaysAgo: 44 }]),
    };

    const { removed } = await sweepOrphanFiles();
    expect(removed.map((f) => f.id).sort()).toEqual(Object.values(gone).sort());
    const left = await db().storedFile.findMany({ where: { id: { in: [...Object.values(keep), ...Object.values(gone)] } }, select: { id: true } });
    expect(left.map((f) => f.id).sort()).toEqual(Object.values(keep).sort());

    const entry = await db().decisionLog.findFirstOrThrow({ where: { kind: "files.swept" }, orderBy: { id: "desc" } });
    expect((entry.output as { removed: { name: string; uploadedById: string | null }[] }).removed.map((f) => f.name).sort()).toEqual(["abandoned.pdf", "never-imported.csv", "old.csv"]);
    expect((entry.reasons as string[])[0]).toMatch(/^Removed 3 uploaded files nothing uses/);

    const before = await db().decisionLog.count({ where: { kind: "files.swept" } });
    expect((await sweepOrphanFiles()).removed).toEqual([]);
    expect(await db().decisionLog.count({ where: { kind: "files.swept" } })).toBe(before);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });
});
