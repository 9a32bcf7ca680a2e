import "server-only";
import { normaliseLead } from "@/lib/engine/intake/normalise";
import { applyPoolDelta, deriveFacts, type TExplanationJson, type TPoolState } from "@/lib/engine/routing";
import { scoreLead } from "@/lib/engine/scoring";
import { parsePolicyBody } from "@/lib/schemas/policies";
import type { TRoutingPreviewInput } from "@/lib/schemas/routing-preview";
import { db, type Tx } from "../db";
import { invalidState, notFound, validationError, type TFieldErrors } from "../errors";
import { activePolicy } from "../queries/active-policy";
import { createDirectoryLoader } from "../routing/load-directory";
import { readPoolStates } from "../routing/pool-state-store";
import { planRoute, type TRoutingPolicyRef } from "../routing/route-lead";
import { matchAccount } from "./intake/match-account";
import { routingAccountOf } from "./intake/routing-input";

export type TRoutingPreviewLead = {
  rowId: string | null;
  rowNumber: number | null;
  ownerId: string | null;
  queueTeamId: string | null;
  sentence: string;
  reasons: string[];
  explanation: TExplanationJson;
};

export type TRoutingPreview = { policyVersionId: string; version: number; leads: TRoutingPreviewLead[] };

async function routingPolicy(tx: Tx, versionId: string | undefined): Promise<TRoutingPolicyRef> {
  if (!versionId) return activePolicy("ROUTING");
  const row = await tx.policyVersion.findUnique({ where: { id: versionId }, select: { id: true, kind: true, version: true, body: true } });
  if (!row || row.kind !== "ROUTING") throw notFound("That routing policy version");
  const parsed = parsePolicyBody("ROUTING", row.body);
  if (!parsed.success) throw invalidState(`Routing version ${row.version} does not parse; fix it in the editor first.`);
  return { id: row.id, version: row.version, body: parsed.data };
}

/**
 * Where these leads would go under one routing version, and why — writing nothing. It runs in
 * a READ ONLY, REPEATABLE READ transaction: the database itself refuses any write, and every
 * lead sees the same snapshot of users and pool state. The leads are routed in the order
 * given, each pick advancing an in-memory copy of the pool state, so ten leads into one pool
 * show the rotation they would get; the stored state is never touched or locked. Each lead
 * is taken as new (an existing lead with the same e-mail would keep its owner at intake),
 * scored with the published scoring model, with no activity.
 */
export async function previewRouting(options: { input: TRoutingPreviewInput; now?: Date }): Promise<TRoutingPreview> {
  const now = options.now ?? new Date();
  const normalised = options.input.leads.map(normaliseLead);
  const fields: TFieldErrors = {};
  normalised.forEach((n, i) => {
    if (!n.ok) for (const [key, messages] of Object.entries(n.fields)) fields[`leads.${i}.${key}`] = messages;
  });
  if (Object.keys(fields).length > 0) throw validationError("Some leads did not pass validation.", fields);

  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      const [policy, scoring] = await Promise.all([routingPolicy(tx, options.input.policyVersionId), activePolicy("SCORING")]);
      const directoryLoader = createDirectoryLoader(tx, now);
      const states: Record<string, TPoolState> = {};
      const loadStates = async (poolIds: string[]) => {
        const missing = poolIds.filter((id) => !states[id]);
        Object.assign(states, await readPoolStates(tx, missing));
        return states;
      };
      const leads: TRoutingPreviewLead[] = [];
      for (const n of normalised) {
        if (!n.ok) continue;
        const lead = n.lead;
        const { account } = await matchAccount(tx, lead);
        const custom = Object.fromEntries(Object.entries(lead.customAttributes).map(([k, v]) => [k, v.value]));
        const routingAccount = routingAccountOf(account);
        const base = { ...lead, annualRevenue: null, isPartnerSourced: lead.isPartnerSourced ?? false, custom, activityCounts: {}, account: routingAccount };
        const score = scoreLead(scoring.body, deriveFacts(base), [], now);
        const routingLead = { ...base, lifecycleStage: score.isMql ? "MQL" : "LEAD", score: score.total, fitScore: score.fit, engagementScore: Math.round(score.engagement) };
        const { result, routed } = await planRoute(tx, { lead: routingLead, policy, now, directoryLoader }, loadStates);
        if (result.poolDelta) states[result.poolDelta.poolId] = applyPoolDelta(states[result.poolDelta.poolId]!, result.poolDelta);
        leads.push({
          rowId: routed.rowId,
          rowNumber: routed.rowNumber,
          ownerId: routed.ownerId,
          queueTeamId: routed.queueTeamId,
          sentence: routed.sentence,
          reasons: routed.reasons,
          explanation: routed.explanation.toJSON(),
        });
      }
      return { policyVersionId: policy.id, version: policy.version, leads };
    },
    { isolationLevel: "RepeatableRead" },
  );
}
