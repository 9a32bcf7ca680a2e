import { apiRoute } from "@/lib/server/api/route";
import { checkAnchorsSpec } from "@/lib/server/api/specs/decision-log";
import { db } from "@/lib/server/db";
import { checkAnchors } from "@/lib/server/decision-log/anchor";

export const POST = apiRoute(checkAnchorsSpec, async ({ body }) => {
  const check = await checkAnchors(db(), body.anchors);
  return {
    body: { data: { ok: check.problems.length === 0, checked: check.checked, head: check.head.toString(), problems: check.problems.map((p) => ({ seq: p.anchor.seq, problem: p.problem })) } },
  };
});
