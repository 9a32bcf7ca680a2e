import "server-only";
import type { Tx } from "../db";
import type { TDecisionEntry } from "../decision-log";
import type { TNotification } from "../notifications/notify";

// The breach guardrail of the handoff playbook (ADR 0009): when breaches of one clock kind
// in the trailing 48 hours exceed the policy's breachLimitPer48h for the second time (the
// limit + 2nd breach), leadership (EXEC + REVOPS) is alerted once; no further alert for that
// kind until 48 hours after the last one. Concurrent timer batches serialise per kind on an
// advisory lock, so two batches crossing the threshold together still alert once.

export const GUARDRAIL_WINDOW_HOURS = 48;

export async function checkGuardrail(
  tx: Tx,
  input: { kind: string; label: string; limit: number; policyVersionId: string | null },
): Promise<{ notifications: TNotification[]; decisions: TDecisionEntry[] }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sla.guardrail:${input.kind}`}))`;
  const [row] = await tx.$queryRaw<{ breaches: number; alerted: boolean }[]>`
    SELECT (SELECT count(*)::int FROM sla_clock_events e JOIN sla_clocks c ON c.id = e.clock_id
             WHERE e.type = 'BREACH' AND c.kind = ${input.kind} AND e.fired_at > now() - make_interval(hours => ${GUARDRAIL_WINDOW_HOURS})) AS breaches,
           EXISTS (SELECT 1 FROM sla_guardrail_alerts a
             WHERE a.clock_kind = ${input.kind} AND a.fired_at > now() - make_interval(hours => ${GUARDRAIL_WINDOW_HOURS})) AS alerted`;
  if (!row || row.alerted || row.breaches < input.limit + 2) return { notifications: [], decisions: [] };
  const alert = await tx.slaGuardrailAlert.create({ data: { clockKind: input.kind, breaches: row.breaches }, select: { id: true } });
  const leaders = await tx.user.findMany({ where: { active: true, role: { in: ["EXEC", "REVOPS"] } }, select: { id: true } });
  const title = `SLA guardrail: "${input.label}" breached ${row.breaches} times in 48 hours`;
  const body = `The limit is ${input.limit} breaches per 48 hours and it has now been exceeded twice. Look at staffing and routing for this queue; this alert is sent once per 48 hours.`;
  return {
    notifications: leaders.map((u) => ({ userId: u.id, kind: "sla.guardrail", title, body, link: "/dashboards", dedupeKey: `sla-guardrail:${alert.id}:${u.id}` })),
    decisions: [
      {
        kind: "sla.guardrail_alert",
        subjectType: "sla_clock_kind",
        subjectId: input.kind,
        actorId: null,
        policyVersionId: input.policyVersionId,
        input: { clock: input.kind, limitPer48h: input.limit },
        output: { alertId: alert.id, breaches: row.breaches, notified: leaders.map((u) => u.id) },
        reasons: [`${row.breaches} breaches of "${input.label}" in the last 48 hours exceed the limit of ${input.limit} twice.`, `Leadership (executives and RevOps) alerted once: ${leaders.length} people.`],
      },
    ],
  };
}
