// Benchmark (not a test): the SLA board and the attainment report over 100,000 open clocks
// (plus 100,000 stopped ones for the report) on a throwaway embedded Postgres. Data is
// generated in SQL (INSERT … SELECT generate_series) so seeding takes seconds; the figures
// are server time per query as the pages run them (median and max of 7 runs).
//   npm run bench:sla-board            (BENCH_CLOCKS=… to change the number of open clocks)
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";
import { defaultSlaPolicy } from "@/lib/schemas/policies/default-governance";
import type { TSessionUser } from "@/lib/server/auth/session-user";

const OPEN = Number(process.env.BENCH_CLOCKS ?? 100_000);
const STOPPED = Number(process.env.BENCH_STOPPED ?? 100_000);
const pg = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true });
process.env.DATABASE_URL = pg.url;
await applyMigrations(pg.url);
const { db } = await import("@/lib/server/db");
const { listSlaBoard, listSlaBreachHistory, slaBoardFilterOptions } = await import("@/lib/server/queries/sla-board");
const { slaAttainment } = await import("@/lib/server/queries/sla-attainment");

const t0 = performance.now();
const HOURS = `'{"mon":[["09:00","12:30"],["13:30","17:30"]],"tue":[["09:00","17:30"]],"wed":[["09:00","17:30"]],"thu":[["09:00","17:30"]],"fri":[["09:00","16:00"]]}'::jsonb`;
await db().$executeRawUnsafe(`INSERT INTO teams (name, region) SELECT 'Team ' || g, (ARRAY['NA','EMEA','APAC'])[1 + g % 3] FROM generate_series(1, 8) g`);
await db().$executeRawUnsafe(`
  INSERT INTO users (email, name, role, team_id, region, timezone, working_hours, password_hash, updated_at)
  SELECT 'manager' || g || '@bench.test', 'Manager ' || g, 'SALES_MANAGER', t.id, t.region,
    (ARRAY['America/New_York','Europe/London','Asia/Singapore'])[1 + g % 3], ${HOURS}, 'x', now()
  FROM generate_series(0, 7) g JOIN (SELECT row_number() OVER (ORDER BY name) - 1 AS n, id, region FROM teams) t ON t.n = g`);
await db().$executeRawUnsafe(`UPDATE teams t SET manager_id = u.id FROM users u WHERE u.team_id = t.id AND u.role = 'SALES_MANAGER'`);
await db().$executeRawUnsafe(`
  INSERT INTO users (email, name, role, team_id, manager_id, region, timezone, working_hours, password_hash, updated_at)
  SELECT 'rep' || g || '@bench.test', 'Rep ' || g, 'REP', t.id, t.manager_id, t.region,
    CASE t.region WHEN 'NA' THEN 'America/Chicago' WHEN 'EMEA' THEN 'Europe/Berlin' ELSE 'Australia/Sydney' END, ${HOURS}, 'x', now()
  FROM generate_series(0, 79) g JOIN (SELECT row_number() OVER (ORDER BY name) - 1 AS n, id, region, manager_id FROM teams) t ON t.n = g % 8`);
await db().$executeRawUnsafe(`INSERT INTO users (email, name, role, password_hash, updated_at) VALUES ('revops@bench.test', 'RevOps', 'REVOPS', 'x', now())`);
await db().policyVersion.create({ data: { kind: "SLA", version: 1, status: "PUBLISHED", activeKind: "SLA", name: "SLA", body: defaultSlaPolicy(new Date().getUTCFullYear()) as object } });
await db().$executeRawUnsafe(`CREATE TEMP TABLE rep_ids AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, team_id, region FROM users WHERE role = 'REP'`);
await db().$executeRawUnsafe(`
  INSERT INTO leads (email, first_name, last_name, company, source, owner_id, updated_at)
  SELECT 'lead' || g || '@bench.test', 'Lead', 'No ' || g, 'Company ' || (g % 9000), (ARRAY['Website','Webinar','Partner','Event','Outbound', NULL])[1 + g % 6], r.id, now()
  FROM generate_series(1, ${OPEN + STOPPED}) g JOIN rep_ids r ON r.n = g % 80`);
await db().$executeRawUnsafe(`CREATE TEMP TABLE lead_ids AS SELECT row_number() OVER (ORDER BY id) AS n, id, owner_id FROM leads`);
// Open clocks: deadlines from 2 days ago to 5 days ahead; those past due are breached, a third of
// them escalated; every 20th clock paused. Calendars: owner's, region's and around the clock.
await db().$executeRawUnsafe(`
  INSERT INTO sla_clocks (kind, subject_type, subject_id, owner_id, team_id, policy_version_id, calendar_key, status, target_minutes,
    consumed_minutes, started_at, running_since, due_at, paused_at, pause_reason, breached_at, escalation_level, updated_at)
  SELECT k.kind, 'LEAD', l.id, r.id, r.team_id, (SELECT id FROM policy_versions WHERE kind = 'SLA'),
    CASE g % 3 WHEN 0 THEN 'owner:' || r.id WHEN 1 THEN 'calendar:' || lower(r.region) ELSE '24x7' END,
    (CASE WHEN g % 20 = 0 THEN 'PAUSED' ELSE 'RUNNING' END)::"SlaClockStatus", 240,
    CASE WHEN g % 20 = 0 THEN 120 ELSE 0 END, due - interval '6 hours',
    CASE WHEN g % 20 = 0 THEN NULL ELSE due - interval '6 hours' END,
    CASE WHEN g % 20 = 0 THEN NULL ELSE due END,
    CASE WHEN g % 20 = 0 THEN now() END, CASE WHEN g % 20 = 0 THEN 'Waiting on the customer' END,
    CASE WHEN g % 20 <> 0 AND due < now() THEN due END,
    CASE WHEN g % 20 <> 0 AND due < now() THEN (g % 3) ELSE 0 END, now()
  FROM generate_series(1, ${OPEN}) g
  JOIN lead_ids l ON l.n = g
  JOIN rep_ids r ON r.id = l.owner_id
  CROSS JOIN LATERAL (SELECT now() + make_interval(mins => (g * 7919) % (7 * 24 * 60) - 2 * 24 * 60)) d(due)
  CROSS JOIN LATERAL (SELECT (ARRAY['LEAD_FIRST_TOUCH','LEAD_FIRST_TOUCH','MQL_ACCEPT'])[1 + g % 3]) k(kind)`);
// Stopped clocks over the last 12 weeks, for the attainment report: ~15% breached.
await db().$executeRawUnsafe(`
  INSERT INTO sla_clocks (kind, subject_type, subject_id, owner_id, team_id, policy_version_id, calendar_key, status, target_minutes,
    consumed_minutes, started_at, stopped_at, stop_reason, breached_at, updated_at)
  SELECT 'LEAD_FIRST_TOUCH', 'LEAD', l.id, r.id, r.team_id, (SELECT id FROM policy_versions WHERE kind = 'SLA'), 'owner:' || r.id, 'STOPPED', 240,
    least(took, 400), s, s + make_interval(mins => took), 'FIRST_TOUCH', CASE WHEN took > 240 THEN s + interval '240 minutes' END, now()
  FROM generate_series(1, ${STOPPED}) g
  JOIN lead_ids l ON l.n = ${OPEN} + g
  JOIN rep_ids r ON r.id = l.owner_id
  CROSS JOIN LATERAL (SELECT now() - make_interval(mins => ((g::bigint * 104729) % (84 * 24 * 60))::int), 5 + (g * 31) % 290) x(s, took)`);
await db().$executeRawUnsafe(`
  INSERT INTO sla_clock_events (clock_id, type, level, notified_user_ids, fired_at)
  SELECT c.id, 'BREACH', 0, ARRAY[c.owner_id], c.breached_at FROM sla_clocks c WHERE c.breached_at IS NOT NULL
  UNION ALL
  SELECT c.id, 'ESCALATION', lv, ARRAY[c.owner_id, u.manager_id], c.breached_at + make_interval(mins => lv)
  FROM sla_clocks c JOIN users u ON u.id = c.owner_id CROSS JOIN LATERAL generate_series(1, c.escalation_level) lv WHERE c.escalation_level > 0`);
// VACUUM as autovacuum would have by then: it sets the visibility map that index-only counts use.
await db().$executeRawUnsafe(`VACUUM ANALYZE`);
const [counts] = await db().$queryRaw<{ open: number; stopped: number; events: number }[]>`
  SELECT count(*) FILTER (WHERE status <> 'STOPPED')::int AS open, count(*) FILTER (WHERE status = 'STOPPED')::int AS stopped,
    (SELECT count(*)::int FROM sla_clock_events) AS events FROM sla_clocks`;
console.log(`SLA board benchmark (PostgreSQL embedded, ${process.platform}, node ${process.version})`);
console.log(`seeded ${counts!.open.toLocaleString("en")} open + ${counts!.stopped.toLocaleString("en")} stopped clocks, ${counts!.events.toLocaleString("en")} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const SELECT = { id: true, email: true, name: true, role: true, teamId: true, managerId: true, timezone: true } as const;
const revops: TSessionUser = await db().user.findFirstOrThrow({ where: { role: "REVOPS" }, select: SELECT });
const manager: TSessionUser = await db().user.findFirstOrThrow({ where: { role: "SALES_MANAGER" }, select: SELECT });
const rep: TSessionUser = await db().user.findFirstOrThrow({ where: { role: "REP" }, select: SELECT });

async function time(label: string, run: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < 7; i++) {
    const s = performance.now();
    await run();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} median ${ms[3]!.toFixed(0).padStart(5)} ms  max ${ms[6]!.toFixed(0).padStart(5)} ms`);
}

const board = (user: TSessionUser, o: Partial<Parameters<typeof listSlaBoard>[1]> = {}) => listSlaBoard(user, { page: 1, sort: "urgency", dir: "asc", filters: {}, ...o });
/** Everything the /sla page queries, in parallel as the page does. */
const page = (user: TSessionUser) => Promise.all([board(user), listSlaBreachHistory(user, { days: 7, limit: 15 }), slaBoardFilterOptions(user)]);

await time("board page 1 by urgency (RevOps, all clocks)", () => board(revops));
await time("board page 200 by urgency (RevOps)", () => board(revops, { page: 200 }));
await time("board page 1 by urgency, descending (RevOps)", () => board(revops, { dir: "desc" }));
await time("board page 1 by escalation level (RevOps)", () => board(revops, { sort: "escalationLevel", dir: "desc" }));
await time("board filtered: MQL_ACCEPT + breached (RevOps)", () => board(revops, { filters: { kind: "MQL_ACCEPT", status: "BREACHED" } }));
await time("board page 1 (manager, one team)", () => board(manager));
await time("board page 1 (rep, own clocks)", () => board(rep));
await time("breach history, last 7 days (RevOps)", () => listSlaBreachHistory(revops, { days: 7, limit: 15 }));
await time("filter options (RevOps)", () => slaBoardFilterOptions(revops));
await time("whole /sla page server queries (RevOps)", () => page(revops));
await time("whole /sla page server queries (manager)", () => page(manager));
const today = new Date().toISOString().slice(0, 10);
const from = new Date(Date.now() - 83 * 86_400_000).toISOString().slice(0, 10);
await time("attainment, 12 weeks, all groupings (RevOps)", () => slaAttainment(revops, { from, to: today }));
await time("attainment, 12 weeks, first touch (manager)", () => slaAttainment(manager, { from, to: today, kind: "LEAD_FIRST_TOUCH" }));

if (process.env.BENCH_HOLD) {
  // For EXPLAIN from another shell: keeps the database up until Ctrl-C.
  console.log(`holding ${pg.url}; Ctrl-C to stop`);
  await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
}
await db().$disconnect();
await pg.stop();
