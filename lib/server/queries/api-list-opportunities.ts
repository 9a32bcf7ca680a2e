import "server-only";
import type { OpportunityStage } from "@/lib/generated/prisma/enums";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { opportunityScope } from "./record-scope";

const PAGE = 100;

/** The API's opportunity list: the caller's scope first, then the filters they asked for. */
export async function apiListOpportunities(user: TSessionUser, filters: { ownerId?: string; stage?: OpportunityStage; page: number }) {
  const where = { AND: [opportunityScope(user), filters.ownerId ? { ownerId: filters.ownerId } : {}, filters.stage ? { stage: filters.stage } : {}] };
  const [rows, total] = await Promise.all([
    db().opportunity.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (filters.page - 1) * PAGE,
      take: PAGE,
      select: { id: true, name: true, stage: true, amount: true, listAmount: true, discountPct: true, closeDate: true, termMonths: true, paymentTermsDays: true, ownerId: true, accountId: true },
    }),
    db().opportunity.count({ where }),
  ]);
  return {
    data: rows.map((o) => ({ ...o, amount: o.amount.toFixed(2), listAmount: o.listAmount.toFixed(2), discountPct: o.discountPct.toFixed(2), closeDate: o.closeDate?.toISOString().slice(0, 10) ?? null })),
    page: filters.page,
    total,
  };
}
