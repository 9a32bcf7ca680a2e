import "server-only";
import type { OpportunityStage, Prisma } from "@/lib/generated/prisma/client";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { opportunityScope } from "./record-scope";

export const OPPORTUNITY_SORTS = ["amount", "closeDate", "stage", "name"] as const;
export type TOpportunitySort = (typeof OPPORTUNITY_SORTS)[number];
export const OPPORTUNITIES_PAGE_SIZE = 25;

export async function listOpportunities(user: TSessionUser, options: { page: number; sort: TOpportunitySort; dir: "asc" | "desc"; stage?: OpportunityStage }) {
  const where: Prisma.OpportunityWhereInput = { AND: [opportunityScope(user), options.stage ? { stage: options.stage } : {}] };
  const [rows, total] = await Promise.all([
    db().opportunity.findMany({
      where,
      // Only nullable columns take a nulls position; Prisma refuses it on required ones.
      orderBy: [options.sort === "closeDate" ? { closeDate: { sort: options.dir, nulls: "last" } } : { [options.sort]: options.dir }, { id: "asc" }],
      skip: (options.page - 1) * OPPORTUNITIES_PAGE_SIZE,
      take: OPPORTUNITIES_PAGE_SIZE,
      select: { id: true, name: true, stage: true, amount: true, listAmount: true, discountPct: true, closeDate: true, ownerId: true, account: { select: { name: true } }, owner: { select: { name: true } } },
    }),
    db().opportunity.count({ where }),
  ]);
  return { rows, total };
}
