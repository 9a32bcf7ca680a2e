import { apiRoute } from "@/lib/server/api/route";
import { publishPolicySpec } from "@/lib/server/api/specs/policies";
import { publishPolicyVersion } from "@/lib/server/commands/publish-policy-version";

export const POST = apiRoute(publishPolicySpec, async ({ user, params, body }) => ({
  body: { data: await publishPolicyVersion({ actor: user, versionId: params.ref, input: body }) },
}));
