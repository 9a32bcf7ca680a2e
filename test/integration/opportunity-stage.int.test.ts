// Moving opportunities between stages on real Postgres: the history row, the stage, the
// decision log and the STALE_OPPORTUNITY clock (stopped and restarted, none once closed)
// commit together; roles and record scope are enforced; the daily sweeper starts missing
// clocks once.
import { beforeAll, describe, expect, it } from "vitest";
import { defaultPipelinePolicy } from "@/lib/schemas/policies/default-governance";
import type { TPipelinePolicy } from "@/lib/schemas/policies/pipeline";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { changeOpportunityStage } from "@/lib/server/commands/opportunities/change-opportunity-stage";
import { createPolicyDraft } from "@/lib/server/commands/create-policy-draft";
import { publishPolicyVersion } from "@/lib/server/commands/publish-policy-version";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";
import { DomainError } from "@/lib/server/errors";
import { runImport } from "@/lib/server/import/run-import";
import { startImport } from "@/lib/server/import/start-import";
import { uploadImportFile } from "@/lib/server/import/upload-import-file";
import { sweepStaleClocks } from "@/lib/server/sla/opportunity-clocks";
import { makeUser } from "./fixtures/users";
import { publishSlaPolicy, quickSlaPolicy } from "./fixtures/sla-policy";

let revops: TSessionUser;
let manager: TSessionUser;
let rep: TSessionUser;
let otherRep: TSessionUser;
let finance: TSessionUser;
let dealDesk: TSessionUser;

async function publishPipeline(body: TPipelinePolicy) {
  const draft = await createPolicyDraft({ actor: revops, kind: "PIPELINE", input: { name: "Pipeline for tests", body } });
  await publishPolicyVersion({ actor: revops, versionId: draft.id, input: { changeNote: "Stage rules for tests", kpi: "SPEED" } });
}

/** An opportunity with every field a stage can require filled, so only the rule under test decides. */
async function newOpportunity(ownerId: string, stage: "QUALIFIED" | "DISCOVERY" | "NEGOTIATION" = "QUALIFIED", extra: { lossReason?: string | null } = {}) {
  const account = await db().account.create({ data: { name: `Acme ${Math.random()}`, normalizedName: "acme", region: "EMEA" } });
  const o = await db().opportunity.create({
    data: {
      name: "Acme platform", ownerId, stage, accountId: account.id, amount: 50_000, listAmount: 50_000, closeDate: new Date("2027-03-31"),
      products: ["platform"], source: "inbound", lossReason: extra.lossReason === undefined ? "PRICE" : extra.lossReason, competitor: "Globex",
    },
  });
  return o.id;
}

const openStaleClocks = (opportunityId: string) => db().slaClock.findMany({ where: { subjectType: "OPPORTUNITY", subjectId: opportunityId, kind: "STALE_OPPORTUNITY", status: { not: "STOPPED" } } });

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("changing an opportunity's stage", () => {
  beforeAll(async () => {
    revops = await makeUser("REVOPS");
    manager = await makeUser("SALES_MANAGER");
    rep = await makeUser("REP");
    otherRep = await makeUser("REP");
    finance = await makeUser("FINANCE");
    dealDesk = await makeUser("DEAL_DESK");
    await db().user.updateMany({ where: { id: rep.id }, data: { managerId: manager.id } });
    await publishSlaPolicy(revops, quickSlaPolicy());
    await publishPipeline(defaultPipelinePolicy());
  });

  it("writes history, stage and log, and restarts the stale clock at 2x the new stage's average days", async () => {
    const id = await newOpportunity(rep.id);
    await sweepStaleClocks();
    const [first] = await openStaleClocks(id);
    expect(first).toMatchObject({ targetMinutes: 2 * 7 * 1440, ownerId: rep.id, status: "RUNNING" });

    const result = await changeOpportunityStage({ actor: rep, opportunityId: id, toStage: "DISCOVERY", reason: "Discovery call booked" });
    expect(result).toMatchObject({ fromStage: "QUALIFIED", toStage: "DISCOVERY", skipped: [] });

    const opp = await db().opportunity.findUniqueOrThrow({ where: { id }, include: { stageChanges: true } });
    expect(opp.stage).toBe("DISCOVERY");
    expect(opp.stageChanges).toEqual([expect.objectContaining({ fromStage: "QUALIFIED", toStage: "DISCOVERY", actorId: rep.id, reason: "Discovery call booked" })]);
    expect(opp.stageEnteredAt.getTime()).toBe(opp.stageChanges[0]!.changedAt.getTime());

    expect(await db().slaClock.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({ status: "STOPPED", stopReason: "the opportunity moved from QUALIFIED to DISCOVERY" });
    const open = await openStaleClocks(id);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ targetMinutes: 2 * 14 * 1440, ownerId: rep.id });

    const log = await db().decisionLog.findMany({ where: { subjectType: "opportunity", subjectId: id }, orderBy: { id: "asc" } });
    expect(log.map((e) => e.kind)).toEqual(["sla.clock_started", "opportunity.stage_changed", "sla.clock_stopped", "sla.clock_started"]);
    expect((log[1]!.reasons as string[]).join(" ")).toMatch(/Moved from Qualified to Discovery\..*Reason: Discovery call booked/);
    expect((await verifyDecisionLog(db())).ok).toBe(true);
  });

  it("closing stops the stale clock and starts none; a closed deal does not move again", async () => {
    const id = await newOpportunity(rep.id, "NEGOTIATION");
    await changeOpportunityStage({ actor: manager, opportunityId: id, toStage: "PROPOSAL" });
    expect(await openStaleClocks(id)).toHaveLength(1);
    await changeOpportunityStage({ actor: dealDesk, opportunityId: id, toStage: "CLOSED_LOST", reason: "Went with Globex" });
    expect(await openStaleClocks(id)).toHaveLength(0);
    const all = await db().slaClock.findMany({ where: { subjectId: id } });
    expect(all.map((c) => c.status)).toEqual(["STOPPED"]);
    const error = await refusal(changeOpportunityStage({ actor: revops, opportunityId: id, toStage: "NEGOTIATION" }));
    expect(error.message).toMatch(/closed deal does not change stage/);
  });

  it("refuses roles without the permission and reps outside their scope, changing nothing", async () => {
    const id = await newOpportunity(rep.id);
    const before = await db().opportunityStageChange.count();
    expect((await refusal(changeOpportunityStage({ actor: otherRep, opportunityId: id, toStage: "DISCOVERY" }))).code).toBe("NOT_FOUND");
    expect((await refusal(changeOpportunityStage({ actor: finance, opportunityId: id, toStage: "DISCOVERY" }))).code).toBe("FORBIDDEN");
    expect((await db().opportunity.findUniqueOrThrow({ where: { id } })).stage).toBe("QUALIFIED");
    expect(await db().opportunityStageChange.count()).toBe(before);
    expect(await db().decisionLog.count({ where: { subjectId: id, kind: { not: "auth.access_denied" } } })).toBe(0);
    expect(await openStaleClocks(id)).toHaveLength(0);
  });

  it("refuses moves the pipeline policy forbids with a clear message", async () => {
    const missing = await newOpportunity(rep.id, "QUALIFIED", { lossReason: null });
    const error = await refusal(changeOpportunityStage({ actor: rep, opportunityId: missing, toStage: "CLOSED_LOST" }));
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", message: "Closed lost needs lossReason filled in first." });
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: missing } })).stage).toBe("QUALIFIED");

    await publishPipeline({ ...defaultPipelinePolicy(), skipPolicy: "BLOCK" });
    const skipping = await newOpportunity(rep.id);
    const blocked = await refusal(changeOpportunityStage({ actor: rep, opportunityId: skipping, toStage: "PROPOSAL" }));
    expect(blocked.message).toBe("The pipeline policy does not allow skipping stages: move through Discovery, Demo / evaluation first.");
    await publishPipeline(defaultPipelinePolicy());
    const flagged = await changeOpportunityStage({ actor: rep, opportunityId: skipping, toStage: "PROPOSAL" });
    expect(flagged.skipped).toEqual(["DISCOVERY", "EVALUATION"]);
  });

  it("the sweeper starts one clock per open opportunity without one, and a second run starts none", async () => {
    const ids = [await newOpportunity(otherRep.id), await newOpportunity(otherRep.id, "DISCOVERY")];
    const closed = await newOpportunity(otherRep.id);
    await db().opportunity.update({ where: { id: closed }, data: { stage: "CLOSED_WON" } });
    const first = await sweepStaleClocks();
    expect(first.started).toBeGreaterThanOrEqual(2);
    const count = await db().slaClock.count({ where: { kind: "STALE_OPPORTUNITY", status: { not: "STOPPED" } } });
    expect(await sweepStaleClocks()).toEqual({ started: 0 });
    expect(await db().slaClock.count({ where: { kind: "STALE_OPPORTUNITY", status: { not: "STOPPED" } } })).toBe(count);
    for (const id of ids) expect(await openStaleClocks(id)).toHaveLength(1);
    expect(await openStaleClocks(closed)).toHaveLength(0);
    const openDeals = await db().opportunity.count({ where: { stage: { notIn: ["CLOSED_WON", "CLOSED_LOST"] } } });
    expect(count).toBe(openDeals);
  });

  it("an opportunity import starts the clocks of the open deals it brings, without waiting for the daily sweep", async () => {
    const importer = await makeUser("REP", { name: "Imported Agent" });
    const csv = [
      "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value",
      "IMP-OPEN,Imported Agent,GTXPro,,Engaging,2026-10-01,,",
      "IMP-WON,Imported Agent,GTXPro,,Won,2026-09-01,2026-10-15,1200",
    ].join("\n");
    const file = await uploadImportFile({ actor: revops, kind: "opportunities", name: "pipeline.csv", bytes: new TextEncoder().encode(csv) });
    const { runId } = await startImport({ actor: revops, input: { kind: "opportunities", fileId: file.fileId, mapping: file.suggestedMapping, historical: false }, enqueueJob: false });
    expect(await runImport(runId)).toMatchObject({ created: 2, invalidRows: 0 });
    const open = await db().opportunity.findUniqueOrThrow({ where: { externalId: "IMP-OPEN" } });
    const won = await db().opportunity.findUniqueOrThrow({ where: { externalId: "IMP-WON" } });
    expect(open.ownerId).toBe(importer.id);
    expect(await openStaleClocks(open.id)).toEqual([expect.objectContaining({ ownerId: importer.id, status: "RUNNING" })]);
    expect(await openStaleClocks(won.id)).toHaveLength(0);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });
});
