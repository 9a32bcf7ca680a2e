import "server-only";
import type { LifecycleStage, Prisma } from "@/lib/generated/prisma/client";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { leadScope } from "./record-scope";

export const LEAD_SORTS = ["createdAt", "score", "company", "lifecycleStage"] as const;
export type TLeadSort = (typeof LEAD_SORTS)[number];
export const LEADS_PAGE_SIZE = 25;

/** Score bands of the list's filter, on the model's 0–100 scale (upper bound exclusive). */
export const SCORE_BANDS = [
  { value: "0-25", label: "Under 25", min: 0, max: 25 },
  { value: "25-50", label: "25 to 49", min: 25, max: 50 },
  { value: "50-75", label: "50 to 74", min: 50, max: 75 },
  { value: "75-", label: "75 and up", min: 75, max: null },
] as const;
export type TScoreBand = (typeof SCORE_BANDS)[number]["value"];

/** "none": leads with no owner (in a queue or unassigned). */
export type TOwnerFilter = string | "none";

export type TLeadListOptions = {
  page: number;
  sort: TLeadSort;
  dir: "asc" | "desc";
  stage?: LifecycleStage;
  q?: string;
  ownerId?: TOwnerFilter;
  scoreBand?: TScoreBand;
  source?: string;
};

export async function listLeads(user: TSessionUser, options: TLeadListOptions) {
  const band = SCORE_BANDS.find((b) => b.value === options.scoreBand);
  const where: Prisma.LeadWhereInput = {
    AND: [
      leadScope(user),
      options.stage ? { lifecycleStage: options.stage } : {},
      options.ownerId === "none" ? { ownerId: null } : options.ownerId ? { ownerId: options.ownerId } : {},
      band ? { score: band.max === null ? { gte: band.min } : { gte: band.min, lt: band.max } } : {},
      options.source ? { source: { equals: options.source, mode: "insensitive" } } : {},
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

/** People who own at least one lead the user may see: the owner filter's choices. */
export async function leadOwnerChoices(user: TSessionUser): Promise<{ id: string; name: string }[]> {
  return db().user.findMany({ where: { leads: { some: leadScope(user) } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
