// Benchmark (not a test): the submit and decide commands under load. A throwaway embedded
// Postgres with the demo org (seed scale 0.2); 20 virtual users run in parallel, each a rep
// who submits a 27% discount (the cumulative ladder: manager, then VP) on a fresh deal,
// then that rep's manager and the region's VP approve it. Every call goes through the real
// command: the plan, the row locks, the conditional step update, notifications, the
// archive figures and the decision log. Target: p95 ≤ 100 ms for submit and for decide.
//   npm run bench:approvals-commands      (BENCH_USERS, BENCH_ROUNDS to change the load)
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";

const USERS = Number(process.env.BENCH_USERS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const WHY = { justification: "Competitive displacement; the customer signs this quarter", impactedKpi: "Win rate", evidenceLinks: [] };

const pg = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true });
process.env.DATABASE_URL = pg.url;
process.env.DATABASE_POOL_MAX ??= String(USERS);
await applyMigrations(pg.url);
const { seedDemo } = await import("@/prisma/seed");
await seedDemo({ databaseUrl: pg.url, scale: 0.2, log: () => {} });
const { db } = await import("@/lib/server/db");
const { SESSION_USER_SELECT } = await import("@/lib/server/auth/session-user");
const { submitExceptionRequest } = await import("@/lib/server/commands/exceptions/submit-exception-request");
const { decideApprovalStep } = await import("@/lib/server/commands/exceptions/decide-approval-step");

// Reps with a manager, each the "user" of one virtual session; their deals are made up front.
const reps = await db().user.findMany({ where: { role: "REP", active: true, managerId: { not: null } }, select: SESSION_USER_SELECT, orderBy: { email: "asc" }, take: USERS });
if (reps.length < USERS) throw new Error(`The seed has ${reps.length} reps with a manager; need ${USERS}`);
const deals = new Map<string, string[]>();
for (const rep of reps) {
  const data = Array.from({ length: 2 * ROUNDS + 1 }, (_, i) => ({ name: `Bench deal ${rep.email} #${i}`, ownerId: rep.id, stage: "NEGOTIATION" as const, amount: "10000.00", listAmount: "10000.00" }));
  const made = await db().opportunity.createManyAndReturn({ data, select: { id: true } });
  deals.set(rep.id, made.map((m) => m.id));
}
type TUser = (typeof reps)[number];
const byId = new Map<string, TUser>();
async function sessionOf(id: string): Promise<TUser> {
  if (!byId.has(id)) byId.set(id, await db().user.findUniqueOrThrow({ where: { id }, select: SESSION_USER_SELECT }));
  return byId.get(id)!;
}

const submitMs: number[] = [];
const decideMs: number[] = [];
async function timed<T>(into: number[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  into.push(performance.now() - started);
  return result;
}

async function virtualUser(rep: (typeof reps)[number], rounds: number, record: boolean, into = { submit: submitMs, decide: decideMs }) {
  for (let i = 0; i < rounds; i++) {
    const opportunityId = deals.get(rep.id)!.pop()!;
    const { requestId } = await timed(record ? into.submit : [], () => submitExceptionRequest({ actor: rep, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } }));
    for (let stage = 0; stage < 2; stage++) {
      const step = await db().approvalStep.findFirstOrThrow({ where: { requestId, status: "PENDING" }, select: { id: true, assigneeId: true } });
      const approver = await sessionOf(step.assigneeId!);
      await timed(record ? into.decide : [], () => decideApprovalStep({ actor: approver, input: { requestId, stepId: step.id, decision: "APPROVE" } }));
    }
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const line = (label: string, xs: number[]) =>
  `${label.padEnd(8)} n=${String(xs.length).padStart(4)}  p50 ${pct(xs, 50).toFixed(1).padStart(6)} ms  p95 ${pct(xs, 95).toFixed(1).padStart(6)} ms  p99 ${pct(xs, 99).toFixed(1).padStart(6)} ms  max ${Math.max(...xs).toFixed(1).padStart(6)} ms  ${pct(xs, 95) <= 100 ? "PASS" : "FAIL"} (p95 ≤ 100 ms)`;

console.log(`approval commands benchmark (PostgreSQL embedded, node ${process.version}, ${process.platform}); ${USERS} parallel users × ${ROUNDS} rounds, pool ${process.env.DATABASE_POOL_MAX}`);
await virtualUser(reps[0]!, 1, false); // warm-up: module loading, prepared statements, caches
// One user alone first: the commands' own cost, without contention.
const alone = { submit: [] as number[], decide: [] as number[] };
await virtualUser(reps[1]!, ROUNDS, true, alone);
console.log(line("submit", alone.submit) + "  (1 user)");
console.log(line("decide", alone.decide) + "  (1 user)");
const started = performance.now();
await Promise.all(reps.map((rep, i) => virtualUser(rep, i === 0 ? ROUNDS - 1 : ROUNDS, true)));
const seconds = (performance.now() - started) / 1000;
console.log(line("submit", submitMs) + `  (${USERS} users)`);
console.log(line("decide", decideMs) + `  (${USERS} users)`);
console.log(`${submitMs.length + decideMs.length} commands in ${seconds.toFixed(1)} s (${((submitMs.length + decideMs.length) / seconds).toFixed(0)} commands/s)`);

await db().$disconnect();
await pg.stop();
