import { apiRoute } from "@/lib/server/api/route";
import { exportPolicySpec } from "@/lib/server/api/specs/policies";
import { exportPolicyVersion } from "@/lib/server/queries/export-policy-version";

export const GET = apiRoute(exportPolicySpec, async ({ params }) => ({ body: { data: await exportPolicyVersion(params.ref) } }));
