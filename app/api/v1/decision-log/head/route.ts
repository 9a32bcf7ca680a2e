import { apiRoute } from "@/lib/server/api/route";
import { getChainHeadSpec } from "@/lib/server/api/specs/decision-log";
import { db } from "@/lib/server/db";
import { chainHead } from "@/lib/server/decision-log/anchor";
import { notFound } from "@/lib/server/errors";

export const GET = apiRoute(getChainHeadSpec, async () => {
  const head = await chainHead(db());
  if (!head) throw notFound("The head of the decision log (it is empty)");
  return { body: { data: head } };
});
