import "server-only";
import type { TDirectory, TDirectoryUser } from "@/lib/engine/routing";
import { ZWorkingHours, type TWorkingHours } from "@/lib/schemas/policies/sla";
import type { TSqlTx } from "../transaction-connection";

type TUserRow = { id: string; name: string; active: boolean; timezone: string; workingHours: unknown; skills: string[]; absences: { startsAt: string; endsAt: string; reason: string }[] };

/**
 * The routing directory, loaded lazily and only for the users and teams a lead can reach.
 *
 * One loader lives for one request or transaction, never longer: active flags, absences and
 * working hours change at any time, and a stale "active" would route a lead to someone
 * deactivated a minute ago. Within its life it loads each user once, so a preview of 200
 * leads into the same pools costs a handful of queries, and intake (one lead per
 * transaction) reads only the few users behind the rows the lead matches — never the whole
 * user table.
 */
export type TDirectoryLoader = {
  /** The directory holding at least these users and teams (unknown ids stay absent). */
  load(ids: { userIds: Iterable<string>; teamIds: Iterable<string> }): Promise<TDirectory>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Working hours are JSON written by the admin UI; a malformed value must not stop intake.
// It is treated as "no restriction", the same as the column's default {}.
function workingHoursOf(raw: unknown): TWorkingHours | null {
  const parsed = ZWorkingHours.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function createDirectoryLoader(client: TSqlTx, now: Date): TDirectoryLoader {
  const users: Record<string, TDirectoryUser | undefined> = {};
  const teams: Record<string, { name: string } | undefined> = {};
  const seenUsers = new Set<string>();
  const seenTeams = new Set<string>();

  return {
    async load({ userIds, teamIds }) {
      // Ids come from policies (validated as record ids) and accounts; a non-UUID would make
      // Postgres refuse the whole query, so it is simply not a known user.
      const missingUsers = [...new Set(userIds)].filter((id) => !seenUsers.has(id) && UUID.test(id));
      const missingTeams = [...new Set(teamIds)].filter((id) => !seenTeams.has(id) && UUID.test(id));
      // Raw statements: intake asks once per lead, and the model API's query building and
      // result decoding cost several times the Node CPU of the statements themselves (ADR 0027).
      const [userRows, teamRows] = await Promise.all([
        missingUsers.length === 0
          ? []
          : client.$queryRaw<TUserRow[]>`
              SELECT u.id, u.name, u.active, u.timezone, u.working_hours AS "workingHours", u.skills,
                COALESCE((SELECT json_agg(json_build_object('startsAt', a.starts_at, 'endsAt', a.ends_at, 'reason', a.reason) ORDER BY a.starts_at)
                  FROM absences a WHERE a.user_id = u.id AND a.starts_at <= ${now} AND a.ends_at > ${now}), '[]'::json) AS absences
              FROM users u WHERE u.id = ANY(${missingUsers}::uuid[])`,
        missingTeams.length === 0 ? [] : client.$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM teams WHERE id = ANY(${missingTeams}::uuid[])`,
      ]);
      for (const id of missingUsers) seenUsers.add(id);
      for (const id of missingTeams) seenTeams.add(id);
      for (const u of userRows) {
        users[u.id] = {
          id: u.id,
          name: u.name,
          active: u.active,
          timezone: u.timezone,
          workingHours: workingHoursOf(u.workingHours),
          skills: u.skills,
          // Only absences covering `now` matter to a decision taken at `now`; JSON carries their times as text.
          absences: u.absences.map((a) => ({ startsAt: new Date(a.startsAt), endsAt: new Date(a.endsAt), reason: a.reason })),
        };
      }
      for (const t of teamRows) teams[t.id] = { name: t.name };
      return { users, teams };
    },
  };
}
