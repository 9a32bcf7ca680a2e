import "server-only";
import { replayRouting, simulationAccumulator, type TDirectory, type TDirectoryUser, type TPoolState, type TSimulationSummary } from "@/lib/engine/routing";
import { parsePolicyBody } from "@/lib/schemas/policies";
import { ZWorkingHours } from "@/lib/schemas/policies/sla";
import { db } from "../db";
import { readPoolStates } from "./pool-state-store";
import { ROUTING_SIMULATION_KIND } from "./simulate-input";
import { loadSimulationBatch, type TSimulationBatch } from "./simulate-leads";

const BATCH = 2_000;
const DAY_MS = 86_400_000;

export type TRoutingSimulationResult = TSimulationSummary & {
  version: number;
  days: number;
  from: string;
  to: string;
  /** Display names for the ids the summary mentions. */
  names: { users: Record<string, string>; teams: Record<string, string> };
};

type TSimInput = { days: number };

/**
 * Runs one queued routing simulation (idempotent: a finished run is left alone, a run
 * interrupted mid-way starts over). Reads leads, users and pool state; writes only its own
 * job_runs row — progress after every batch, then the result.
 *
 * Each lead is replayed at the instant it was created, with today's directory (active flags,
 * skills, working hours), the absences that overlapped the window, and the pools' current
 * fairness state carried forward in memory. See docs/decisions/0013-routing-simulation.md.
 */
export async function runRoutingSimulation(runId: string): Promise<void> {
  const run = await db().jobRun.findUnique({ where: { id: runId } });
  if (!run || run.kind !== ROUTING_SIMULATION_KIND || run.status === "SUCCEEDED" || run.status === "FAILED") return;
  try {
    await db().jobRun.update({ where: { id: runId }, data: { status: "RUNNING", startedAt: new Date(), processed: 0, error: null } });
    const result = await simulate(runId, run.subjectId!, (run.input as TSimInput).days, run.createdAt);
    await db().jobRun.update({ where: { id: runId }, data: { status: "SUCCEEDED", result: result as object, finishedAt: new Date() } });
  } catch (error) {
    console.error(`[routing.simulate] run ${runId} failed`, error);
    const message = error instanceof Error ? error.message : String(error);
    await db().jobRun.update({ where: { id: runId }, data: { status: "FAILED", error: message.slice(0, 2000), finishedAt: new Date() } });
  }
}

async function simulate(runId: string, versionId: string, days: number, to: Date): Promise<TRoutingSimulationResult> {
  const version = await db().policyVersion.findUniqueOrThrow({ where: { id: versionId }, select: { version: true, body: true } });
  const parsed = parsePolicyBody("ROUTING", version.body);
  if (!parsed.success) throw new Error(`Routing version ${version.version} does not parse: ${parsed.error.issues[0]?.message ?? "invalid body"}. Fix it in the editor first.`);
  const policy = parsed.data;
  const from = new Date(to.getTime() - days * DAY_MS);
  const window = { createdAt: { gte: from, lt: to } };
  const total = await db().lead.count({ where: window });
  await db().jobRun.update({ where: { id: runId }, data: { total } });

  const directory = simulationDirectory(from, to);
  let poolStates: Record<string, TPoolState | undefined> = await readPoolStates(db(), policy.pools.map((p) => p.id));
  const summary = simulationAccumulator();
  const teamIds = new Set<string>();
  for (const row of policy.rows) if (row.action.type === "QUEUE") teamIds.add(row.action.teamId);

  const policyUserIds = new Set<string>();
  for (const row of policy.rows) if (row.action.type === "USER") policyUserIds.add(row.action.userId);
  for (const p of policy.pools) for (const m of p.members) policyUserIds.add(m.userId);

  let after: TSimulationBatch["last"] = null;
  for (;;) {
    const batch = await loadSimulationBatch({ from, to }, after, BATCH);
    if (batch.leads.length === 0) break;
    after = batch.last;
    // The owners the drill-down names, and the account owners ACCOUNT_OWNER rows assign to.
    const userIds = new Set([...policyUserIds, ...batch.accountOwnerIds]);
    for (const l of batch.leads) {
      if (l.currentOwnerId) userIds.add(l.currentOwnerId);
      if (l.currentQueueTeamId) teamIds.add(l.currentQueueTeamId);
    }
    const replay = replayRouting(policy, batch.leads, { directory: await directory.load(userIds, teamIds), poolStates });
    poolStates = replay.poolStates;
    summary.add(replay.outcomes);
    await db().jobRun.update({ where: { id: runId }, data: { processed: summary.count } });
    if (batch.leads.length < BATCH) break;
  }

  const full = await directory.load([], teamIds);
  const users: Record<string, string> = {};
  for (const [id, u] of Object.entries(full.users)) if (u) users[id] = u.name;
  const teams: Record<string, string> = {};
  for (const [id, t] of Object.entries(full.teams ?? {})) if (t) teams[id] = t.name;
  return { ...summary.summary(), version: version.version, days, from: from.toISOString(), to: to.toISOString(), names: { users, teams } };
}

/** The directory as the simulation sees it: loaded once per user, with every absence overlapping the window. */
function simulationDirectory(from: Date, to: Date) {
  const users: Record<string, TDirectoryUser | undefined> = {};
  const teams: Record<string, { name: string } | undefined> = {};
  return {
    async load(userIds: Iterable<string>, teamIds: Iterable<string>): Promise<TDirectory> {
      const missingUsers = [...new Set(userIds)].filter((id) => !(id in users));
      const missingTeams = [...new Set(teamIds)].filter((id) => !(id in teams));
      const [userRows, teamRows] = await Promise.all([
        missingUsers.length === 0
          ? []
          : db().user.findMany({
              where: { id: { in: missingUsers } },
              select: {
                id: true, name: true, active: true, timezone: true, workingHours: true, skills: true,
                absences: { where: { startsAt: { lt: to }, endsAt: { gt: from } }, select: { startsAt: true, endsAt: true, reason: true } },
              },
            }),
        missingTeams.length === 0 ? [] : db().team.findMany({ where: { id: { in: missingTeams } }, select: { id: true, name: true } }),
      ]);
      for (const id of missingUsers) users[id] = undefined;
      for (const id of missingTeams) teams[id] = undefined;
      for (const u of userRows) {
        const hours = ZWorkingHours.safeParse(u.workingHours);
        users[u.id] = { id: u.id, name: u.name, active: u.active, timezone: u.timezone, workingHours: hours.success ? hours.data : null, skills: u.skills, absences: u.absences };
      }
      for (const t of teamRows) teams[t.id] = { name: t.name };
      return { users, teams };
    },
  };
}
