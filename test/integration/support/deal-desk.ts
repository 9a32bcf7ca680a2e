// Deal-desk fixtures on top of the demo org: session users by e-mail, opportunities with
// known amounts (so a plan's tiers are predictable), and extra approvers made in bulk.
import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/generated/prisma/enums";
import { SESSION_USER_SELECT, type TSessionUser } from "@/lib/server/auth/session-user";
import { db } from "@/lib/server/db";

export async function sessionUser(email: string): Promise<TSessionUser> {
  return db().user.findUniqueOrThrow({ where: { email }, select: SESSION_USER_SELECT });
}

/** An open opportunity owned by `ownerId`: list price, 12 months, no discount yet. */
export async function newOpportunity(ownerId: string, listAmount: number, termMonths = 12): Promise<string> {
  const o = await db().opportunity.create({
    data: { name: `Test deal ${randomUUID().slice(0, 6)}`, ownerId, stage: "NEGOTIATION", amount: listAmount.toFixed(2), listAmount: listAmount.toFixed(2), termMonths },
    select: { id: true },
  });
  return o.id;
}

/** Users who never sign in (no usable password), made in one statement. */
export async function bulkUsers(role: Role, count: number): Promise<TSessionUser[]> {
  const tag = randomUUID().slice(0, 8);
  const data = Array.from({ length: count }, (_, i) => ({ email: `${role.toLowerCase()}-${tag}-${i}@test.example`, name: `${role} ${tag} #${i + 1}`, role, passwordHash: "!disabled" }));
  await db().user.createMany({ data });
  return db().user.findMany({ where: { email: { in: data.map((d) => d.email) } }, select: SESSION_USER_SELECT });
}
