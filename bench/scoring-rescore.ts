// Benchmark (not a test): rescoring open leads after a scoring version is published, on a
// throwaway embedded Postgres: BENCH_LEADS generated open leads (two activities each) plus the
// demo seed, a new version published through the real command, then the scoring.rescore job
// run in this process and timed (chunks of 200 leads, one transaction each, every changed score logged).
//   npm run bench:rescore
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";

const LEADS = Number(process.env.BENCH_LEADS ?? 20_000);
const pg = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true });
process.env.DATABASE_URL = pg.url;
await applyMigrations(pg.url);
const { seedDemo } = await import("@/prisma/seed");
const { db } = await import("@/lib/server/db");
const { createPolicyDraft } = await import("@/lib/server/commands/create-policy-draft");
const { publishPolicyVersion } = await import("@/lib/server/commands/publish-policy-version");
const { runScoringRescore } = await import("@/lib/server/scoring/rescore-job");
const { sender } = await import("@/lib/server/jobs/boss");

await seedDemo({ databaseUrl: pg.url, scale: 0.1, log: () => {} });
await db().$executeRawUnsafe(`
  INSERT INTO leads (email, country, industry, employees, title, source, lifecycle_stage, updated_at)
  SELECT 'b' || g || '@bench' || (g % 500) || '.test', (ARRAY['US','DE','FR','GB','JP'])[1 + g % 5], (ARRAY['Software','Retail','Fintech','Healthcare'])[1 + g % 4],
    (g * 37) % 10000, (ARRAY['VP Sales','Engineer','Head of Operations','Intern'])[1 + g % 4], 'web', 'LEAD', now()
  FROM generate_series(1, ${LEADS}) g`);
await db().$executeRawUnsafe(`
  INSERT INTO lead_activities (lead_id, type, occurred_at)
  SELECT id, (ARRAY['demo_request','pricing_page_visit','email_open','webinar_attended'])[1 + (abs(hashtext(id::text || k)) % 4)], now() - make_interval(days => abs(hashtext(id::text || k)) % 90)
  FROM leads CROSS JOIN generate_series(1, 2) k WHERE email LIKE '%@bench%'`);
await db().$executeRawUnsafe(`ANALYZE`);

const revops = await db().user.findUniqueOrThrow({ where: { email: "revops@arbiter.demo" }, select: { id: true } });
const active = await db().policyVersion.findUniqueOrThrow({ where: { activeKind: "SCORING" }, select: { body: true } });
const base = active.body as { fit: object[] };
const draft = await createPolicyDraft({
  actor: revops,
  kind: "SCORING",
  input: { name: "Bench: German leads +7", body: { ...base, fit: [...base.fit, { id: "bench-de", label: "Germany", attribute: "country", condition: { op: "equals", value: "DE" }, points: 7 }] } },
});
await publishPolicyVersion({ actor: revops, versionId: draft.id, input: { changeNote: "Benchmark", kpi: "SPEED" } });
const run = await db().jobRun.findFirstOrThrow({ where: { kind: "SCORING_RESCORE", subjectId: draft.id }, select: { id: true, total: true } });

console.log(`scoring rescore benchmark (PostgreSQL embedded, ${process.platform}, node ${process.version})`);
const t0 = performance.now();
await runScoringRescore(run.id);
const seconds = (performance.now() - t0) / 1000;
const done = await db().jobRun.findUniqueOrThrow({ where: { id: run.id } });
const changed = (done.result as { changed: number }).changed;
console.log(`first run:  ${done.processed.toLocaleString("en")} open leads in ${seconds.toFixed(1)} s = ${Math.round(done.processed / seconds).toLocaleString("en")} leads/s; ${changed.toLocaleString("en")} changed scores logged`);

// A second run of the same version: every score is already current, so nothing is written.
const again = await db().jobRun.create({ data: { kind: "SCORING_RESCORE", subjectId: draft.id, total: run.total }, select: { id: true } });
const t1 = performance.now();
await runScoringRescore(again.id);
const seconds2 = (performance.now() - t1) / 1000;
console.log(`re-run:     ${run.total.toLocaleString("en")} open leads in ${seconds2.toFixed(1)} s = ${Math.round(run.total / seconds2).toLocaleString("en")} leads/s; ${((await db().jobRun.findUniqueOrThrow({ where: { id: again.id } })).result as { changed: number }).changed} changed`);

await (await sender()).stop({ graceful: false, wait: true });
await db().$disconnect();
await pg.stop();
