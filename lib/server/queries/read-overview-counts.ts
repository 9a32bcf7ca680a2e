import "server-only";
import { db } from "../db";

/** Headline counts for the dashboards landing page, straight from the tables. */
export async function readOverviewCounts() {
  const [leadsByStage, pipelineByStage, pendingRequests] = await Promise.all([
    db().lead.groupBy({ by: ["lifecycleStage"], _count: { _all: true }, orderBy: { lifecycleStage: "asc" } }),
    db().opportunity.groupBy({ by: ["stage"], _count: { _all: true }, _sum: { amount: true }, orderBy: { stage: "asc" } }),
    db().exceptionRequest.count({ where: { status: "PENDING" } }),
  ]);
  return {
    leadsByStage: leadsByStage.map((r) => ({ stage: r.lifecycleStage, count: r._count._all })),
    pipelineByStage: pipelineByStage.map((r) => ({ stage: r.stage, count: r._count._all, amount: r._sum.amount?.toString() ?? "0" })),
    pendingRequests,
  };
}
