// Publishing a scoring version rescores open leads in the background: every changed score is
// logged once (naming the version), unchanged ones are not, a re-run changes nothing, progress
// reaches the total. And the editor's actions refuse roles that may not edit policies.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_USER_SELECT, type TSessionUser } from "@/lib/server/auth/session-user";
import { saveScoringDraft } from "@/lib/server/commands/save-scoring-draft";
import { createPolicyDraft } from "@/lib/server/commands/create-policy-draft";
import { publishPolicyVersion } from "@/lib/server/commands/publish-policy-version";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";
import { sender } from "@/lib/server/jobs/boss";
import { OPEN_LEAD_WHERE, runScoringRescore, scheduleScoringRescore } from "@/lib/server/scoring/rescore-job";
import { ZScoringPolicy, type TScoringPolicy } from "@/lib/schemas/policies/scoring";
import { seedDemo } from "@/prisma/seed";

// The actions read the session through currentUser; the test picks the user.
const session = vi.hoisted(() => ({ user: null as TSessionUser | null }));
vi.mock("@/lib/server/auth/current-user", () => ({ currentUser: async () => session.user, requireUser: async () => session.user }));
const { copyScoringVersionAction, createScoringDraftAction, saveScoringDraftAction } = await import("@/app/(app)/policies/scoring/actions");

const userByEmail = (email: string): Promise<TSessionUser> => db().user.findUniqueOrThrow({ where: { email }, select: SESSION_USER_SELECT });
const NOW = new Date("2026-11-21T12:00:00Z");
let revops: TSessionUser;
let published: { id: string; version: number; body: TScoringPolicy };

async function openScores() {
  const leads = await db().lead.findMany({ where: OPEN_LEAD_WHERE, select: { id: true, score: true, fitScore: true, engagementScore: true, negativeScore: true, lifecycleStage: true } });
  return new Map(leads.map((l) => [l.id, l]));
}

describe("scoring rescoring after publish", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    revops = await userByEmail("revops@arbiter.demo");
    const row = await db().policyVersion.findUniqueOrThrow({ where: { activeKind: "SCORING" }, select: { id: true, version: true, body: true } });
    published = { ...row, body: ZScoringPolicy.parse(row.body) };
  });
  afterAll(async () => {
    await (await sender()).stop({ graceful: false, wait: true });
  });

  it("refuses reps every editor action and changes nothing", async () => {
    session.user = await userByEmail("rep@arbiter.demo");
    const before = await db().policyVersion.count();
    const draft = await createPolicyDraft({ actor: revops, kind: "SCORING", input: { name: "Rep must not touch", body: published.body } });
    const results = [
      await copyScoringVersionAction({ fromVersionId: published.id }),
      await createScoringDraftAction({ name: "Rep draft", body: published.body }),
      await saveScoringDraftAction({ versionId: draft.id, name: "Rep edit", body: { ...published.body, mqlThreshold: 1 } }),
    ];
    for (const r of results) expect(r).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await db().policyVersion.count()).toBe(before + 1);
    expect((await db().policyVersion.findUniqueOrThrow({ where: { id: draft.id } })).name).toBe("Rep must not touch");
    session.user = null;
  });

  it("saves only valid drafts, and never a published version", async () => {
    const draft = await createPolicyDraft({ actor: revops, kind: "SCORING", input: { name: "Validation check", body: published.body } });
    await expect(saveScoringDraft({ actor: revops, versionId: draft.id, input: { name: "Bad", body: { ...published.body, mqlThreshold: 140 } } })).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { "body.mqlThreshold": ["The MQL threshold is on a 100-point scale: use 0 to 100"] } });
    await expect(saveScoringDraft({ actor: revops, versionId: published.id, input: { name: "Edit history", body: published.body } })).rejects.toMatchObject({ code: "INVALID_STATE" });
    const saved = await saveScoringDraft({ actor: revops, versionId: draft.id, input: { name: "Validation check, edited", body: { ...published.body, mqlThreshold: 70 } } });
    expect(saved.name).toBe("Validation check, edited");
    expect(await db().decisionLog.count({ where: { kind: "policy.draft_updated", subjectId: draft.id } })).toBe(1);
  });

  it("logs each changed score once, leaves unchanged leads alone, reaches its total and is idempotent", async () => {
    // Baseline: rescoring with the seeded model at NOW, so only the new rule changes scores below.
    const baseline = await scheduleScoringRescore({ versionId: published.id, actorId: revops.id });
    await runScoringRescore(baseline, { now: NOW, chunkSize: 25 });
    const before = await openScores();
    expect(before.size).toBeGreaterThan(20);

    // A new fit rule worth 7 points for German leads.
    const body: TScoringPolicy = { ...published.body, fit: [...published.body.fit, { id: "dach-de", label: "Germany", attribute: "country", condition: { op: "equals", value: "DE" }, points: 7 }] };
    const draft = await createPolicyDraft({ actor: revops, kind: "SCORING", input: { name: "Germany bonus", body } });
    await publishPolicyVersion({ actor: revops, versionId: draft.id, input: { changeNote: "German leads convert better", kpi: "SPEED" } });
    const run = await db().jobRun.findFirstOrThrow({ where: { kind: "SCORING_RESCORE", subjectId: draft.id } });
    expect(run).toMatchObject({ status: "QUEUED", total: before.size, processed: 0, createdById: revops.id });

    await runScoringRescore(run.id, { now: NOW, chunkSize: 25 });
    const done = await db().jobRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(done).toMatchObject({ status: "SUCCEEDED", processed: before.size, total: before.size });

    const after = await openScores();
    const changed = [...after.values()].filter((l) => l.score !== before.get(l.id)?.score || l.fitScore !== before.get(l.id)?.fitScore).map((l) => l.id).sort();
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(before.size);
    const germans = await db().lead.findMany({ where: { ...OPEN_LEAD_WHERE, country: "DE", accountId: null }, select: { id: true } });
    for (const g of germans) expect(after.get(g.id)!.fitScore).toBe(before.get(g.id)!.fitScore + 7);

    const logged = await db().decisionLog.findMany({ where: { kind: "lead.rescored", policyVersionId: draft.id }, select: { subjectId: true, reasons: true } });
    expect(logged.map((d) => d.subjectId).sort()).toEqual(changed);
    expect((logged[0]!.reasons as string[])[0]).toMatch(new RegExp(`^Rescored with scoring version ${draft.version}: \\d+ .* → \\d+ `));
    expect((done.result as { changed: number }).changed).toBe(changed.length);

    // The same job delivered again, and a second run of the same version: nothing more to do.
    await runScoringRescore(run.id, { now: NOW });
    const again = await scheduleScoringRescore({ versionId: draft.id, actorId: revops.id });
    await runScoringRescore(again, { now: NOW, chunkSize: 25 });
    expect(await db().jobRun.findUniqueOrThrow({ where: { id: again } })).toMatchObject({ status: "SUCCEEDED", processed: before.size, result: expect.objectContaining({ changed: 0 }) });
    expect(await db().decisionLog.count({ where: { kind: "lead.rescored", policyVersionId: draft.id } })).toBe(changed.length);
    expect((await verifyDecisionLog(db())).ok).toBe(true);
  });

  it("stops a run whose version was replaced before it ran", async () => {
    const stale = await scheduleScoringRescore({ versionId: published.id, actorId: revops.id });
    const logged = await db().decisionLog.count({ where: { kind: "lead.rescored" } });
    await runScoringRescore(stale, { now: NOW });
    expect(await db().jobRun.findUniqueOrThrow({ where: { id: stale } })).toMatchObject({ status: "SUCCEEDED", processed: 0, result: { superseded: true } });
    expect(await db().decisionLog.count({ where: { kind: "lead.rescored" } })).toBe(logged);
  });
});
