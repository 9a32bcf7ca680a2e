import "server-only";
import { clockMilestones, describeMinutes, milestoneKey, planTimer, type TMilestone } from "@/lib/engine/sla/clock-plan";
import type { SlaClock } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { appendDecisions, type TDecisionEntry } from "../decision-log";
import { env } from "../env";
import { notify, type TNotification } from "../notifications/notify";
import { enqueueWebhook } from "../webhooks/enqueue-webhook";
import { databaseNow, logSubjects, subjectWords } from "./clock-context";
import { clockLabel, firedMilestones, lockClocks, rulesOf } from "./clock-state";
import { checkGuardrail } from "./guardrail";
import { recipientResolver, TARGET_WORDS } from "./recipients";
import { scheduleTimers, timerJobId, type TTimer, type TTimerJobData } from "./timer-jobs";

// The "sla.timer" handler. A timer job says "look at clock X (generation G) now". Under the
// clock's row lock it fires whatever is due and not fired yet — each effect is a row of
// sla_clock_events inserted ON CONFLICT DO NOTHING, and only rows actually inserted notify,
// log and call webhooks — then queues the clock's next timer. A job for an older generation
// (paused, resumed, re-targeted, stopped since) does nothing. Re-running a job, or running
// two jobs for one clock, therefore has each effect exactly once (ADR 0009).

const CHUNK = 250;

type TFired = { clock: SlaClock; milestone: TMilestone & { dueAt: Date }; notified: string[] };
type TWebhook = { event: "sla.warning" | "sla.breached"; data: object };

export async function fireTimers(jobs: readonly { id: string; data: unknown }[]): Promise<{ fired: number }> {
  let fired = 0;
  for (let i = 0; i < jobs.length; i += CHUNK) fired += await fireChunk(jobs.slice(i, i + CHUNK));
  return { fired };
}

async function fireChunk(jobs: readonly { id: string; data: unknown }[]): Promise<number> {
  const wanted = new Map<string, Set<number>>();
  for (const job of jobs) {
    const { clockId, generation } = job.data as TTimerJobData;
    if (!wanted.has(clockId)) wanted.set(clockId, new Set());
    wanted.get(clockId)!.add(generation);
  }
  const jobIds = new Set(jobs.map((j) => j.id));
  const webhooks: TWebhook[] = [];
  const count = await db().$transaction(
    async (tx) => {
      const locked = await lockClocks(tx, { ids: [...wanted.keys()] });
      const live = locked.filter((c) => c.status === "RUNNING" && c.runningSince !== null && wanted.get(c.id)!.has(c.generation));
      if (live.length === 0) return 0;
      const [now, rules, fired, subjects, resolve] = await Promise.all([
        databaseNow(tx),
        rulesOf(tx, live),
        firedMilestones(tx, live.map((c) => c.id)),
        logSubjects(tx, live),
        recipientResolver(tx, live),
      ]);

      const candidates: TFired[] = [];
      const timers: TTimer[] = [];
      for (const clock of live) {
        const r = rules.get(clock.id);
        if (!r?.def) continue;
        const plan = planTimer(r.calendar, { runningSince: clock.runningSince!, consumedMinutes: clock.consumedMinutes }, clockMilestones(r.def, clock.targetMinutes), fired.get(clock.id)!, now);
        for (const m of plan.due) candidates.push({ clock, milestone: m, notified: resolve(clock, m.notify) });
        if (plan.next) {
          const timer = { clockId: clock.id, generation: clock.generation, fireAt: plan.next.dueAt, milestone: milestoneKey(plan.next) };
          // A job that woke a hair early must not collide with its own id and vanish.
          timers.push(jobIds.has(timerJobId(timer)) ? { ...timer, fireAt: new Date(timer.fireAt.getTime() + 1) } : timer);
        }
      }

      const inserted = candidates.length === 0 ? [] : await tx.$queryRaw<{ clock_id: string; type: string; level: number }[]>`
        INSERT INTO sla_clock_events (clock_id, type, level, notified_user_ids)
        SELECT r.clock_id, r.type, r.level, r.notified FROM jsonb_to_recordset(${JSON.stringify(
          candidates.map((c) => ({ clock_id: c.clock.id, type: c.milestone.type, level: c.milestone.level, notified: c.notified })),
        )}::jsonb) AS r(clock_id uuid, type text, level int, notified uuid[])
        ON CONFLICT (clock_id, type, level) DO NOTHING
        RETURNING clock_id::text, type, level`;
      const isNew = new Set(inserted.map((e) => `${e.clock_id}:${e.type}:${e.level}`));
      const effects = candidates.filter((c) => isNew.has(`${c.clock.id}:${c.milestone.type}:${c.milestone.level}`));

      const updates = new Map<string, { breachedAt: Date | null; level: number }>();
      for (const e of effects) {
        const u = updates.get(e.clock.id) ?? { breachedAt: null, level: e.clock.escalationLevel };
        if (e.milestone.type === "BREACH") u.breachedAt = e.milestone.dueAt;
        if (e.milestone.type === "ESCALATION") u.level = Math.max(u.level, e.milestone.level);
        updates.set(e.clock.id, u);
      }
      if (updates.size > 0) {
        await tx.$executeRaw`
          UPDATE sla_clocks c SET breached_at = COALESCE(c.breached_at, u.breached_at), escalation_level = GREATEST(c.escalation_level, u.level), updated_at = ${now}
          FROM jsonb_to_recordset(${JSON.stringify([...updates].map(([id, u]) => ({ id, breached_at: u.breachedAt?.toISOString() ?? null, level: u.level })))}::jsonb)
            AS u(id uuid, breached_at timestamptz, level int)
          WHERE c.id = u.id`;
      }
      await scheduleTimers(tx, timers);

      const notifications: TNotification[] = [];
      const decisions: TDecisionEntry[] = [];
      for (const e of effects) {
        const { clock, milestone: m } = e;
        const r = rules.get(clock.id);
        const label = clockLabel(r, clock.kind);
        const subject = subjects.get(clock.id)!;
        const text = describe(clock, m, label, r?.def?.warnAt ?? []);
        const kind = m.type === "WARNING" ? "sla.warning" : m.type === "BREACH" ? "sla.breached" : "sla.escalated";
        for (const userId of e.notified) notifications.push({ userId, kind, title: text.title, body: text.body, link: subject.link, dedupeKey: `sla:${clock.id}:${m.type}:${m.level}:${userId}` });
        decisions.push({
          kind,
          subjectType: subject.subjectType,
          subjectId: subject.subjectId,
          actorId: null,
          policyVersionId: clock.policyVersionId,
          input: { clockId: clock.id, clock: clock.kind, milestone: m.type, level: m.level, dueAt: m.dueAt.toISOString() },
          output: { notified: e.notified, firedAt: now.toISOString() },
          reasons: [text.body, e.notified.length > 0 ? `Notified ${m.notify.map((t) => TARGET_WORDS[t]).join(" and ")} (${e.notified.length} ${e.notified.length === 1 ? "person" : "people"}).` : `Nobody to notify: no ${m.notify.map((t) => TARGET_WORDS[t]).join(" or ")} on file.`],
        });
        if (m.type !== "ESCALATION") {
          webhooks.push({
            event: m.type === "WARNING" ? "sla.warning" : "sla.breached",
            data: { clockId: clock.id, clock: clock.kind, subjectType: clock.subjectType, subjectId: clock.subjectId, ownerId: clock.ownerId, level: m.level, dueAt: m.dueAt.toISOString(), breachAt: clock.dueAt?.toISOString() ?? null, firedAt: now.toISOString() },
          });
        }
      }

      // The guardrail looks at each kind that breached in this batch.
      const breachedKinds = new Map<string, SlaClock>();
      for (const e of effects) if (e.milestone.type === "BREACH") breachedKinds.set(e.clock.kind, e.clock);
      for (const [kind, clock] of [...breachedKinds].sort(([a], [b]) => a.localeCompare(b))) {
        const def = rules.get(clock.id)?.def;
        if (!def?.breachLimitPer48h) continue;
        const alert = await checkGuardrail(tx, { kind, label: def.label, limit: def.breachLimitPer48h, policyVersionId: clock.policyVersionId });
        notifications.push(...alert.notifications);
        decisions.push(...alert.decisions);
      }

      await notify(tx, notifications);
      // The log goes last: its lock is held until commit.
      await appendDecisions(tx, decisions);
      return effects.length;
    },
    { maxWait: env().DATABASE_POOL_ACQUIRE_MS, timeout: 60_000 },
  );
  // After commit only: a webhook must never announce an effect that rolled back.
  for (const w of webhooks) await enqueueWebhook(w.event, w.data);
  return count;
}

const at = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 16)} UTC`;

function describe(clock: SlaClock, m: TMilestone & { dueAt: Date }, label: string, warnAt: readonly number[]): { title: string; body: string } {
  const what = subjectWords(clock.subjectType);
  if (m.type === "WARNING") {
    const pct = Math.round((warnAt[m.level - 1] ?? 0) * 100);
    return { title: `SLA warning: ${label}`, body: `${pct}% of the ${describeMinutes(clock.targetMinutes)} for this ${what} is used; it breaches at ${at(clock.dueAt ?? m.dueAt)}.` };
  }
  if (m.type === "BREACH") return { title: `SLA breached: ${label}`, body: `This ${what} missed its SLA of ${describeMinutes(clock.targetMinutes)} at ${at(m.dueAt)}.` };
  return { title: `SLA escalation (level ${m.level}): ${label}`, body: `This ${what} is still open after missing its SLA of ${describeMinutes(clock.targetMinutes)}; escalated to level ${m.level} at ${at(m.dueAt)}.` };
}
