// The demo seed has almost no MQLs (one, at e2e scale) and none owned by rep@arbiter.demo,
// so the MQL accept/reject spec would have nothing to decide. Turn a few unowned seeded leads
// into the rep's MQLs, with the stage history saying so, so the spec can find them the way a
// rep would: My leads → stage MQL. Unowned leads only: no other spec's data changes hands.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export async function giveDemoRepMqls(databaseUrl: string, count = 4): Promise<number> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    const rep = await prisma.user.findUniqueOrThrow({ where: { email: "rep@arbiter.demo" }, select: { id: true } });
    const leads = await prisma.lead.findMany({ where: { lifecycleStage: "LEAD", ownerId: null }, select: { id: true }, orderBy: { id: "asc" }, take: count });
    const ids = leads.map((l) => l.id);
    await prisma.$transaction([
      prisma.lead.updateMany({ where: { id: { in: ids } }, data: { ownerId: rep.id, queueTeamId: null, lifecycleStage: "MQL" } }),
      prisma.lifecycleTransition.createMany({ data: ids.map((leadId) => ({ leadId, fromStage: "LEAD" as const, toStage: "MQL" as const, reason: "e2e fixture: made an MQL for the demo rep" })) }),
    ]);
    return ids.length;
  } finally {
    await prisma.$disconnect();
  }
}
