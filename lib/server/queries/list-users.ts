import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";

export const USER_SORTS = ["name", "email", "role", "lastLoginAt"] as const;
export type TUserSort = (typeof USER_SORTS)[number];
export const USERS_PAGE_SIZE = 50;

export async function listUsers(options: { page: number; sort: TUserSort; dir: "asc" | "desc"; q?: string }) {
  const where: Prisma.UserWhereInput = options.q
    ? { OR: [{ name: { contains: options.q, mode: "insensitive" } }, { email: { contains: options.q, mode: "insensitive" } }] }
    : {};
  const [rows, total] = await Promise.all([
    db().user.findMany({
      where,
      // Only nullable columns take a nulls position; Prisma refuses it on required ones.
      orderBy: [options.sort === "lastLoginAt" ? { lastLoginAt: { sort: options.dir, nulls: "last" } } : { [options.sort]: options.dir }, { id: "asc" }],
      skip: (options.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: { id: true, name: true, email: true, role: true, active: true, lastLoginAt: true, team: { select: { name: true } }, manager: { select: { name: true } } },
    }),
    db().user.count({ where }),
  ]);
  return { rows, total };
}
