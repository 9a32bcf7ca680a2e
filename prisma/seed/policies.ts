import type { PolicyKind } from "@/lib/generated/prisma/enums";
import { appendDecisions, type TDecisionEntry } from "@/lib/server/decision-log";
import type { Tx } from "@/lib/server/db";
import { DEFAULT_POLICY_META, defaultPolicyBodies, defaultReviewBy } from "@/lib/schemas/policies/defaults";
import { POLICY_KINDS, parsePolicyBody, policyIssues, type TPolicyBodyByKind } from "@/lib/schemas/policies";
import type { TOrg } from "./org";
import { createRng, streamSeed } from "./prng";

// Version 1 of every policy kind, published by the RevOps user, each body validated by the
// same zod schema the app uses and each publish recorded in the decision log in the same
// transaction.

export const CHANGE_NOTE = "Initial policy from the RevOps playbooks";

export type TPublishedPolicies = { ids: Record<PolicyKind, string>; bodies: TPolicyBodyByKind; publishedAt: Date };

export async function publishDefaultPolicies(tx: Tx, org: TOrg, ref: Date, publishedAt: Date): Promise<TPublishedPolicies> {
  const rng = createRng(streamSeed("policies"));
  const inbound = org.teamByKey.get("inbound");
  if (!inbound) throw new Error("The demo org has no inbound team for the routing fallback");
  const bodies = defaultPolicyBodies({
    referenceDate: ref,
    pools: org.pools,
    fallbackTeamId: inbound.id,
    ...(org.teamByKey.get("partner") ? { partnerTeamId: org.teamByKey.get("partner")!.id } : {}),
    revopsUserId: org.demo.revops.id,
  });
  const reviewBy = defaultReviewBy(ref);
  const ids = {} as Record<PolicyKind, string>;
  const rows = POLICY_KINDS.map((kind) => {
    const parsed = parsePolicyBody(kind, bodies[kind]);
    if (!parsed.success) {
      const problems = policyIssues(parsed.error).map((i) => `${i.path}: ${i.message}`).join("; ");
      throw new Error(`The default ${kind} policy does not validate: ${problems}`);
    }
    ids[kind] = rng.uuid();
    return {
      id: ids[kind],
      kind,
      version: 1,
      status: "PUBLISHED" as const,
      activeKind: kind,
      name: DEFAULT_POLICY_META[kind].name,
      body: parsed.data as object,
      authorId: org.demo.revops.id,
      changeNote: CHANGE_NOTE,
      kpi: DEFAULT_POLICY_META[kind].kpi,
      reviewBy: new Date(`${reviewBy}T00:00:00Z`),
      createdAt: publishedAt,
      publishedAt,
      publishedById: org.demo.revops.id,
    };
  });
  await tx.policyVersion.createMany({ data: rows });
  const entries: TDecisionEntry[] = rows.map((r) => ({
    kind: "policy.published",
    subjectType: "PolicyVersion",
    subjectId: r.id,
    actorId: org.demo.revops.id,
    policyVersionId: r.id,
    input: { kind: r.kind, version: r.version, name: r.name, changeNote: r.changeNote, kpi: r.kpi, reviewBy },
    output: { status: "PUBLISHED", activeKind: r.kind },
    reasons: [`${r.name} v1 published: ${CHANGE_NOTE}`],
  }));
  await appendDecisions(tx, entries);
  return { ids, bodies, publishedAt };
}
