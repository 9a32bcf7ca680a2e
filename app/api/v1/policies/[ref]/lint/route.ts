import { apiRoute } from "@/lib/server/api/route";
import { lintPolicySpec } from "@/lib/server/api/specs/policies";
import { lintPolicyVersion } from "@/lib/server/commands/lint-policy-version";

export const POST = apiRoute(lintPolicySpec, async ({ params }) => ({ body: { data: await lintPolicyVersion(params.ref) } }));
