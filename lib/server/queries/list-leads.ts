import "server-only";
import type { LifecycleStage, Prisma } from "@/lib/generated/prisma/client";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { leadScope } from "./record-scope";

export const LEAD_SORTS = ["createdAt", "score", "company", "lifecycleStage"] as const;
export type TLeadSort = (typeof LEAD_SORTS)[number];
export const LEADS_PAGE_SIZE = 25;

export async function listLeads(user: TSessionUser, options: { page: number; sort: TLeadSort; dir: "asc" | "desc"; stage?: LifecycleStage; q?: string }) {
  const where: Prisma.LeadWhereInput = {
    AND: [
      leadScope(user),
      options.stage ? { lifecycleStage: options.stage } : {},
      options.q
        ? { OR: [{ email: { contains: options.q, mode: "insensitive" } }, { company: { contains: options.q, mode: "insensitive" } }, { lastName: { contains: options.q, mode: "insensitive" } }] }
        : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db().lead.findMany({
      where,
      orderBy: [{ [options.sort]: options.dir }, { id: "asc" }],
      skip: (options.page - 1) * LEADS_PAGE_SIZE,
      take: LEADS_PAGE_SIZE,
      select: {
        id: true,
        email: true,
        firstName: true,
        lastName: true,
        company: true,
        source: true,
        lifecycleStage: true,
        score: true,
        createdAt: true,
        owner: { select: { name: true } },
        queueTeam: { select: { name: true } },
      },
    }),
    db().lead.count({ where }),
  ]);
  return { rows, total };
}
