import { apiRoute } from "@/lib/server/api/route";
import { createPolicyDraftSpec, listPoliciesSpec } from "@/lib/server/api/specs/policies";
import { createPolicyDraft } from "@/lib/server/commands/create-policy-draft";
import { listPolicyVersions } from "@/lib/server/queries/list-policy-versions";

export const GET = apiRoute(listPoliciesSpec, async ({ params }) => ({
  body: { data: await listPolicyVersions(params.ref, { includeBody: true }) },
}));

export const POST = apiRoute(createPolicyDraftSpec, async ({ user, params, body }) => ({
  status: 201,
  body: { data: await createPolicyDraft({ actor: user, kind: params.ref, input: body }) },
}));
