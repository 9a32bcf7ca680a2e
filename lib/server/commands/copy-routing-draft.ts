import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { invalidState } from "../errors";
import { createPolicyDraft } from "./create-policy-draft";

/**
 * A new draft holding a copy of the published routing matrix: where every edit starts, since
 * published versions are never edited. Several drafts may coexist; each gets its own number.
 */
export async function createRoutingDraftFromPublished(options: { actor: Pick<TSessionUser, "id"> }) {
  const published = await db().policyVersion.findUnique({ where: { activeKind: "ROUTING" }, select: { version: true, body: true, kpi: true, name: true } });
  if (!published) throw invalidState("No routing policy is published yet; import one or create a draft through POST /api/v1/policies/routing.");
  return createPolicyDraft({
    actor: options.actor,
    kind: "ROUTING",
    input: { name: `${published.name} (edit of v${published.version})`.slice(0, 200), body: published.body as object, kpi: (published.kpi as never) ?? null },
  });
}
