// SLA clocks for the SLA board spec: the clock service starts clocks as leads are routed, but
// the demo seed does not run it. Insert two open clocks on leads of rep@arbiter.demo directly:
// one long overdue (breached, escalated to the rep's manager) and one comfortably in time.
// Nothing else reads these rows, so other specs are unaffected.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const SLA_FIXTURE_OVERDUE_DAYS = 400;

export async function giveDemoRepSlaClocks(databaseUrl: string): Promise<string> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    const rep = await prisma.user.findUniqueOrThrow({ where: { email: "rep@arbiter.demo" }, select: { id: true, teamId: true, managerId: true } });
    const leads = await prisma.lead.findMany({ where: { ownerId: rep.id }, select: { id: true, firstName: true, lastName: true, company: true, email: true }, orderBy: { id: "asc" }, take: 2 });
    const [overdueLead, inTimeLead] = leads;
    if (!overdueLead || !inTimeLead) throw new Error("The demo rep owns fewer than 2 leads; the SLA fixture needs 2");
    const policy = await prisma.policyVersion.findUnique({ where: { activeKind: "SLA" }, select: { id: true } });
    const [{ now }] = (await prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`) as [{ now: Date }];
    const day = 86_400_000;
    const base = { kind: "LEAD_FIRST_TOUCH", subjectType: "LEAD", ownerId: rep.id, teamId: rep.teamId, policyVersionId: policy?.id ?? null, calendarKey: `owner:${rep.id}`, targetMinutes: 240 } as const;
    const overdue = await prisma.slaClock.create({
      data: {
        ...base,
        subjectId: overdueLead.id,
        startedAt: new Date(now.getTime() - (SLA_FIXTURE_OVERDUE_DAYS + 1) * day),
        runningSince: new Date(now.getTime() - (SLA_FIXTURE_OVERDUE_DAYS + 1) * day),
        dueAt: new Date(now.getTime() - SLA_FIXTURE_OVERDUE_DAYS * day),
        breachedAt: new Date(now.getTime() - SLA_FIXTURE_OVERDUE_DAYS * day),
        escalationLevel: 1,
      },
    });
    await prisma.slaClockEvent.createMany({
      data: [
        { clockId: overdue.id, type: "BREACH", level: 0, notifiedUserIds: [rep.id], firedAt: new Date(now.getTime() - 60_000) },
        { clockId: overdue.id, type: "ESCALATION", level: 1, notifiedUserIds: [rep.id, ...(rep.managerId ? [rep.managerId] : [])], firedAt: new Date(now.getTime() - 30_000) },
      ],
    });
    await prisma.slaClock.create({ data: { ...base, subjectId: inTimeLead.id, startedAt: now, runningSince: now, dueAt: new Date(now.getTime() + 7 * day) } });
    return [overdueLead.firstName, overdueLead.lastName].filter(Boolean).join(" ") || overdueLead.company || overdueLead.email || overdueLead.id;
  } finally {
    await prisma.$disconnect();
  }
}
