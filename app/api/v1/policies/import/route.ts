import { apiRoute } from "@/lib/server/api/route";
import { importPolicySpec } from "@/lib/server/api/specs/policies";
import { createPolicyDraft } from "@/lib/server/commands/create-policy-draft";

// A separate endpoint because the draft endpoint takes the kind from the path and rejects a
// null kpi/reviewBy, which an export states explicitly.
export const POST = apiRoute(importPolicySpec, async ({ user, body }) => ({
  status: 201,
  body: { data: await createPolicyDraft({ actor: user, kind: body.kind, input: { name: body.name, body: body.body, kpi: body.kpi ?? undefined, reviewBy: body.reviewBy ?? undefined } }) },
}));
