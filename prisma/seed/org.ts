import type { TDefaultPool } from "@/lib/schemas/policies/defaults";
import { createRng, streamSeed, type TRng } from "./prng";
import { FIRST_NAMES, LAST_NAMES, slug, type TRegion } from "./words";
import { DEMO_USERS, SEGMENT_CAPACITY, TEAM_PLAN, TERRITORY_PLAN, WORKING_HOURS, type TSegment, type TTeamPlan } from "./org-plan";

// The demo organisation in memory: teams (pods) per region, ~30 reps with time zones,
// working hours, skills and capacities, their managers and VPs, the ten demo log-ins, PTO
// and one delegation. Built before anything is written, so ids are known up front.

export type TSeedUser = {
  id: string;
  email: string;
  name: string;
  role: "REP" | "SALES_MANAGER" | "VP_SALES" | "DEAL_DESK" | "FINANCE" | "LEGAL" | "REVOPS" | "EXEC" | "ADMIN";
  title: string;
  teamId: string | null;
  managerId: string | null;
  region: string | null;
  timezone: string;
  workingHours: Record<string, [string, string][]>;
  skills: string[];
  capacityPerDay: number | null;
  capacityPerWeek: number | null;
};

export type TSeedTeam = { id: string; key: string; name: string; region: string; managerId: string | null; segments: TSegment[] };

export type TOrg = {
  users: TSeedUser[];
  teams: TSeedTeam[];
  territories: { id: string; name: string; region: string; countries: string[]; teamId: string | null }[];
  absences: { id: string; userId: string; startsAt: Date; endsAt: Date; reason: string }[];
  delegations: { id: string; delegatorId: string; delegateId: string; startsAt: Date; endsAt: Date; reason: string }[];
  demo: Record<keyof typeof DEMO_USERS, TSeedUser>;
  vpByRegion: Record<TRegion, TSeedUser>;
  managerByTeam: Map<string, TSeedUser>;
  repsByTeam: Map<string, TSeedUser[]>;
  teamByKey: Map<string, TSeedTeam>;
  pools: TDefaultPool[];
};

const DAY = 86_400_000;

function languageSkill(timezone: string): string | undefined {
  const byZone: Record<string, string> = {
    "Europe/Berlin": "de", "Europe/Paris": "fr", "Europe/Madrid": "es", "Europe/Amsterdam": "nl",
    "Europe/Stockholm": "sv", "Asia/Tokyo": "ja", "Asia/Kolkata": "hi", "America/Toronto": "fr",
  };
  return byZone[timezone];
}

export function buildOrg(ref: Date): TOrg {
  const rng = createRng(streamSeed("org"));
  const usedNames = new Set<string>(Object.values(DEMO_USERS).map((u) => u.name));
  const users: TSeedUser[] = [];
  const person = (region: TRegion): { name: string; email: string } => {
    for (;;) {
      const name = `${rng.pick(FIRST_NAMES[region])} ${rng.pick(LAST_NAMES[region])}`;
      if (usedNames.has(name)) continue;
      usedNames.add(name);
      return { name, email: `${slug(name, ".")}@arbiter.demo` };
    }
  };
  const add = (u: Omit<TSeedUser, "id" | "workingHours" | "skills" | "capacityPerDay" | "capacityPerWeek"> & Partial<TSeedUser>): TSeedUser => {
    const user: TSeedUser = { id: rng.uuid(), workingHours: WORKING_HOURS.standard, skills: [], capacityPerDay: null, capacityPerWeek: null, ...u };
    users.push(user);
    return user;
  };

  const d = DEMO_USERS;
  const exec = add({ ...d.exec, teamId: null, managerId: null, region: null });
  const vpByRegion = {
    NA: add({ ...d.vp, teamId: null, managerId: exec.id, region: "NA" }),
    EMEA: add({ ...person("EMEA"), role: "VP_SALES", title: "VP Sales, EMEA", teamId: null, managerId: exec.id, region: "EMEA", timezone: "Europe/London" }),
    APAC: add({ ...person("APAC"), role: "VP_SALES", title: "VP Sales, APAC", teamId: null, managerId: exec.id, region: "APAC", timezone: "Australia/Sydney" }),
  } satisfies Record<TRegion, TSeedUser>;
  const revops = add({ ...d.revops, teamId: null, managerId: exec.id, region: null });
  const dealdesk = add({ ...d.dealdesk, teamId: null, managerId: exec.id, region: null });
  const finance = add({ ...d.finance, teamId: null, managerId: exec.id, region: null });
  const legal = add({ ...d.legal, teamId: null, managerId: exec.id, region: null });
  const admin = add({ ...d.admin, teamId: null, managerId: null, region: null });
  add({ ...person("NA"), role: "DEAL_DESK", title: "Deal Desk Analyst", teamId: null, managerId: dealdesk.id, region: null, timezone: "America/Chicago" });

  const teams: TSeedTeam[] = [];
  const managerByTeam = new Map<string, TSeedUser>();
  const repsByTeam = new Map<string, TSeedUser[]>();
  let manager: TSeedUser | undefined;
  let rep: TSeedUser | undefined;
  let rep2: TSeedUser | undefined;

  for (const plan of TEAM_PLAN) {
    const team: TSeedTeam = { id: rng.uuid(), key: plan.key, name: plan.name, region: plan.region, managerId: null, segments: [...plan.segments] };
    teams.push(team);
    if (plan.key === "inbound") {
      team.managerId = revops.id; // RevOps watches the fallback queue
      continue;
    }
    const region = plan.region === "GLOBAL" ? "NA" : plan.region;
    const boss = vpByRegion[region];
    const mgr =
      plan.key === "na-mm"
        ? (manager = add({ ...d.manager, teamId: team.id, managerId: boss.id, region: "NA" }))
        : add({ ...person(region), role: "SALES_MANAGER", title: `Sales Manager, ${plan.name}`, teamId: team.id, managerId: boss.id, region: plan.region, timezone: plan.timezones[0]! });
    team.managerId = mgr.id;
    managerByTeam.set(team.id, mgr);
    const reps: TSeedUser[] = [];
    if (plan.key === "na-mm") {
      reps.push((rep = addRep(add, rng, plan, team, mgr, { ...d.rep, timezone: "America/New_York" }, ["lang:en", "product:platform", "product:analytics"])));
      reps.push((rep2 = addRep(add, rng, plan, team, mgr, { ...d.rep2, timezone: "America/Chicago" }, ["lang:en", "lang:es", "product:automation"])));
    }
    for (let i = 0; i < plan.reps; i++) {
      const timezone = plan.timezones[i % plan.timezones.length]!;
      reps.push(addRep(add, rng, plan, team, mgr, { ...person(region), timezone }));
    }
    repsByTeam.set(team.id, reps);
  }
  if (!manager || !rep || !rep2) throw new Error("The team plan must include na-mm");

  const teamByKey = new Map(teams.map((t) => [t.key, t]));
  const territories = TERRITORY_PLAN.map((t) => ({ id: rng.uuid(), name: t.name, region: t.region, countries: [...t.countries], teamId: teamByKey.get(t.team)?.id ?? null }));

  // PTO that routing and approvals have to work around: one rep out now, one manager out
  // now (with a delegate), some past and future time off.
  const at = (days: number) => new Date(ref.getTime() + days * DAY);
  const naMm = repsByTeam.get(teamByKey.get("na-mm")!.id)!;
  const emeaMmTeam = teamByKey.get("emea-mm")!;
  const emeaMmManager = managerByTeam.get(emeaMmTeam.id)!;
  const absences = [
    { userId: naMm[2]!.id, startsAt: at(-2), endsAt: at(5), reason: "PTO" },
    { userId: emeaMmManager.id, startsAt: at(-1), endsAt: at(6), reason: "PTO" },
    { userId: repsByTeam.get(teamByKey.get("emea-smb")!.id)![0]!.id, startsAt: at(10), endsAt: at(17), reason: "PTO" },
    { userId: repsByTeam.get(teamByKey.get("apac-ent")!.id)![1]!.id, startsAt: at(-30), endsAt: at(-26), reason: "Sick leave" },
    { userId: rep2.id, startsAt: at(20), endsAt: at(24), reason: "PTO" },
  ].map((a) => ({ id: rng.uuid(), ...a }));
  const delegations = [
    { id: rng.uuid(), delegatorId: emeaMmManager.id, delegateId: vpByRegion.EMEA.id, startsAt: at(-1), endsAt: at(6), reason: "Covering approvals while on PTO" },
  ];

  const pools = buildPools(teams, repsByTeam);
  return {
    users,
    teams,
    territories,
    absences,
    delegations,
    demo: { rep, rep2, manager, vp: vpByRegion.NA, dealdesk, finance, legal, revops, exec, admin },
    vpByRegion,
    managerByTeam,
    repsByTeam,
    teamByKey,
    pools,
  };
}

function addRep(
  add: (u: Omit<TSeedUser, "id" | "workingHours" | "skills" | "capacityPerDay" | "capacityPerWeek"> & Partial<TSeedUser>) => TSeedUser,
  rng: TRng,
  plan: TTeamPlan,
  team: TSeedTeam,
  mgr: TSeedUser,
  who: { name: string; email: string; timezone: string; title?: string },
  fixedSkills?: string[],
): TSeedUser {
  const lang = languageSkill(who.timezone);
  const products = rng.sample(["product:platform", "product:analytics", "product:automation"], rng.int(1, 2));
  const capacity = SEGMENT_CAPACITY[plan.segments[0] ?? "PARTNER"];
  const hours = rng.weighted([[WORKING_HOURS.standard, 6], [WORKING_HOURS.early, 2], [WORKING_HOURS.split, 2]] as const);
  return add({
    name: who.name,
    email: who.email,
    role: "REP",
    title: who.title ?? plan.repTitle,
    teamId: team.id,
    managerId: mgr.id,
    region: plan.region,
    timezone: who.timezone,
    workingHours: hours,
    skills: fixedSkills ?? ["lang:en", ...(lang ? [`lang:${lang}`] : []), ...products.sort()],
    capacityPerDay: capacity.perDay,
    capacityPerWeek: capacity.perWeek,
  });
}

function buildPools(teams: TSeedTeam[], repsByTeam: Map<string, TSeedUser[]>): TDefaultPool[] {
  const member = (u: TSeedUser) => ({
    userId: u.id,
    weight: 1,
    ...(u.capacityPerDay ? { capPerDay: u.capacityPerDay } : {}),
    ...(u.capacityPerWeek ? { capPerWeek: u.capacityPerWeek } : {}),
  });
  const pools: TDefaultPool[] = teams
    .filter((t) => t.segments.length > 0)
    .map((t) => ({ id: t.key, name: `${t.name} round-robin`, region: t.region, segments: t.segments, members: (repsByTeam.get(t.id) ?? []).map(member) }));
  const german = teams
    .filter((t) => t.region === "EMEA" && !t.segments.includes("ENTERPRISE"))
    .flatMap((t) => repsByTeam.get(t.id) ?? [])
    .filter((u) => u.skills.includes("lang:de"));
  pools.unshift({ id: "emea-de", name: "EMEA German-speaking", region: "EMEA", segments: ["SMB", "MID_MARKET"], language: "de", members: german.map(member) });
  return pools;
}
