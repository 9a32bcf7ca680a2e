// Lint for a routing matrix, run on every edit. Errors block publishing; warnings are shown.
// Claims about reachability are sound: a row is called UNREACHABLE only when earlier rows
// provably accept every lead it accepts (containment.ts) AND those rows always assign (a
// QUEUE, or a USER active in the directory), so no lead can ever be routed by it. When the
// covering rows may fall through (account owner, pool, inactive user), the row is only
// reached through fall-through: SHADOWED, a warning.
import { KNOWN_ACTIVITY_TYPES, type TRoutingCondition } from "@/lib/schemas/policies/common";
import { isFallbackRow, type TRoutingAction, type TRoutingPolicy, type TRoutingRow } from "@/lib/schemas/policies/routing";
import type { TDirectory } from "./availability";
import { describeCondition, formatFact } from "@/lib/engine/conditions/describe";
import { contains, unionContains, witness } from "./containment";

export type TLintCode =
  | "MISSING_FALLBACK"
  | "FALLBACK_MAY_NOT_ASSIGN"
  | "UNREACHABLE_ROW"
  | "SHADOWED_ROW"
  | "OVERLAPPING_ROWS"
  | "UNKNOWN_POOL"
  | "EMPTY_POOL"
  | "POOL_NEVER_AVAILABLE"
  | "INACTIVE_USER"
  | "INACTIVE_POOL_MEMBER"
  | "MEMBER_LACKS_SKILL"
  | "UNUSED_POOL"
  | "UNKNOWN_ATTRIBUTE";

export type TLintIssue = {
  severity: "error" | "warning";
  code: TLintCode;
  message: string;
  rowId?: string;
  /** 1-based, as the matrix editor shows rows. */
  rowNumber?: number;
  poolId?: string;
  userId?: string;
  relatedRowIds?: string[];
};

export type TLintResult = { ok: boolean; errors: TLintIssue[]; warnings: TLintIssue[] };

export type TLintOptions = {
  directory: TDirectory;
  /** Custom attribute names leads carry; when given, `custom.<x>` columns outside it are flagged. */
  customAttributes?: readonly string[];
  /** Activity types beyond the known ones that leads may have. */
  activityTypes?: readonly string[];
};

const MAX_LISTED = 3;

function rowName(row: TRoutingRow, index: number): string {
  return `Row ${index + 1}${row.label ? ` (${row.label})` : ""}`;
}

function listRows(rows: readonly TRoutingRow[], indexes: readonly number[]): string {
  const shown = indexes.slice(0, MAX_LISTED).map((i) => `${i + 1}${rows[i]!.label ? ` (${rows[i]!.label})` : ""}`);
  return indexes.length > MAX_LISTED ? `${shown.join(", ")} and ${indexes.length - MAX_LISTED} more` : shown.join(", ");
}

/** True when the action assigns whatever the lead and pool state: lint's notion of "cannot fall through". */
export function alwaysAssigns(action: TRoutingAction, directory: TDirectory): boolean {
  if (action.type === "QUEUE") return true;
  if (action.type === "USER") return directory.users[action.userId]?.active === true;
  return false;
}

const cell = (row: TRoutingRow, key: string): TRoutingCondition | undefined => {
  const c = Object.hasOwn(row.conditions, key) ? row.conditions[key] : undefined;
  return c && c.op !== "any" ? c : undefined;
};

type TCover = { rows: number[]; always: boolean };

/** Earlier rows that together accept every lead row j accepts: one row, or several along one column. */
function covers(policy: TRoutingPolicy, j: number, assigns: readonly boolean[]): TCover[] {
  const { rows, columns } = policy;
  const b = rows[j]!;
  const found: TCover[] = [];
  const nearly = new Map<string, number[]>();
  for (let i = 0; i < j; i++) {
    const a = rows[i]!;
    let missing: string | undefined;
    let misses = 0;
    for (const key of columns) {
      if (contains(cell(a, key), cell(b, key))) continue;
      missing = key;
      if (++misses > 1) break;
    }
    if (misses === 0) found.push({ rows: [i], always: assigns[i]! });
    else if (misses === 1) nearly.set(missing!, [...(nearly.get(missing!) ?? []), i]);
  }
  for (const [key, candidates] of nearly) {
    // Prefer a cover made only of always-assigning rows: that is what makes a row unreachable.
    for (const subset of [candidates.filter((i) => assigns[i]), candidates]) {
      if (subset.length > 1 && unionContains(subset.map((i) => cell(rows[i]!, key)), cell(b, key))) {
        found.push({ rows: subset, always: subset.every((i) => assigns[i]) });
        break;
      }
    }
  }
  return found;
}

function overlaps(policy: TRoutingPolicy, i: number, j: number): boolean {
  const a = policy.rows[i]!;
  const b = policy.rows[j]!;
  return policy.columns.every((key) => {
    const ca = cell(a, key);
    const cb = cell(b, key);
    return !ca || !cb || witness(ca, cb) !== undefined;
  });
}

export function lintRoutingPolicy(policy: TRoutingPolicy, options: TLintOptions): TLintResult {
  const issues: TLintIssue[] = [];
  const { rows } = policy;
  const users = options.directory.users;
  const add = (issue: TLintIssue) => issues.push(issue);
  const at = (row: TRoutingRow, index: number) => ({ rowId: row.id, rowNumber: index + 1 });
  const assigns = rows.map((r) => alwaysAssigns(r.action, options.directory));

  const last = rows[rows.length - 1];
  if (!last || !isFallbackRow(last)) {
    add({ severity: "error", code: "MISSING_FALLBACK", message: "The matrix must end with a fallback row (every column \"any\") so no lead is left unowned" });
  } else if (!assigns[rows.length - 1]) {
    add({
      severity: "error",
      code: "FALLBACK_MAY_NOT_ASSIGN",
      ...at(last, rows.length - 1),
      message: `${rowName(last, rows.length - 1)} is the fallback but may not assign (${last.action.type === "USER" ? "its user is inactive or unknown" : "an account owner or pool can be unavailable"}); route it to a queue or an active user`,
    });
  }

  // Reachability, then overlaps with a different action (only for rows lint did not already flag).
  const flagged = new Set<number>();
  rows.forEach((row, j) => {
    const found = covers(policy, j, assigns);
    const always = found.find((c) => c.always);
    if (always) {
      flagged.add(j);
      add({
        severity: "error",
        code: "UNREACHABLE_ROW",
        ...at(row, j),
        relatedRowIds: always.rows.map((i) => rows[i]!.id),
        message: `${rowName(row, j)} can never route a lead: ${always.rows.length === 1 ? `row ${listRows(rows, always.rows)} above already takes` : `rows ${listRows(rows, always.rows)} above already take`} every lead it matches. Move it up or narrow the earlier rows`,
      });
    } else if (found.length > 0) {
      flagged.add(j);
      const cover = found[0]!;
      add({
        severity: "warning",
        code: "SHADOWED_ROW",
        ...at(row, j),
        relatedRowIds: cover.rows.map((i) => rows[i]!.id),
        message: `${rowName(row, j)} is only reached when ${cover.rows.length === 1 ? "row" : "rows"} ${listRows(rows, cover.rows)} above cannot assign (every lead it matches matches them first)`,
      });
    }
  });
  const fallbackIndex = last && isFallbackRow(last) ? rows.length - 1 : -1;
  const actionKeys = rows.map((r) => JSON.stringify(r.action));
  rows.forEach((row, j) => {
    if (flagged.has(j) || j === fallbackIndex) return;
    const others: number[] = [];
    for (let i = 0; i < j; i++) if (actionKeys[i] !== actionKeys[j] && overlaps(policy, i, j)) others.push(i);
    if (others.length > 0) {
      add({
        severity: "warning",
        code: "OVERLAPPING_ROWS",
        ...at(row, j),
        relatedRowIds: others.map((i) => rows[i]!.id),
        message: `${rowName(row, j)} overlaps ${others.length === 1 ? "row" : "rows"} ${listRows(rows, others)}, which route elsewhere; leads matching both take the earlier row`,
      });
    }
  });

  // Actions: users and pools.
  const pools = new Map(policy.pools.map((p) => [p.id, p]));
  const usedPools = new Set<string>();
  rows.forEach((row, j) => {
    const action = row.action;
    if (action.type === "USER") {
      const user = users[action.userId];
      if (!user || !user.active) {
        add({ severity: "error", code: "INACTIVE_USER", ...at(row, j), userId: action.userId, message: `${rowName(row, j)} routes to ${user ? `${user.name}, who is inactive` : `an unknown user (${action.userId})`}` });
      }
    } else if (action.type === "POOL") {
      usedPools.add(action.poolId);
      const pool = pools.get(action.poolId);
      if (!pool) {
        add({ severity: "error", code: "UNKNOWN_POOL", ...at(row, j), poolId: action.poolId, message: `${rowName(row, j)} routes to pool "${action.poolId}", which does not exist` });
      } else if (pool.members.length === 0) {
        add({ severity: "error", code: "EMPTY_POOL", ...at(row, j), poolId: pool.id, message: `${rowName(row, j)} routes to pool ${pool.name}, which has no members` });
      } else if (!pool.members.some((m) => users[m.userId]?.active && pool.requiredSkills.every((s) => users[m.userId]?.skills?.includes(s)))) {
        add({ severity: "error", code: "POOL_NEVER_AVAILABLE", ...at(row, j), poolId: pool.id, message: `${rowName(row, j)} routes to pool ${pool.name}, where no member is active with the required skills` });
      }
    }
  });
  for (const pool of policy.pools) {
    if (!usedPools.has(pool.id)) add({ severity: "warning", code: "UNUSED_POOL", poolId: pool.id, message: `Pool ${pool.name} is not used by any row` });
    for (const m of pool.members) {
      const user = users[m.userId];
      if (!user || !user.active) {
        add({ severity: "warning", code: "INACTIVE_POOL_MEMBER", poolId: pool.id, userId: m.userId, message: `${user ? `${user.name} is inactive` : `Unknown user ${m.userId}`} but still a member of pool ${pool.name}; they are always skipped` });
        continue;
      }
      const lacking = pool.requiredSkills.filter((s) => !user.skills?.includes(s));
      if (lacking.length > 0) add({ severity: "warning", code: "MEMBER_LACKS_SKILL", poolId: pool.id, userId: m.userId, message: `${user.name} lacks ${lacking.join(", ")} required by pool ${pool.name}; they are always skipped` });
    }
  }

  // Attributes no lead has.
  const custom = options.customAttributes ? new Set(options.customAttributes) : undefined;
  const activities = new Set<string>([...KNOWN_ACTIVITY_TYPES, ...(options.activityTypes ?? [])]);
  const tested = new Map<string, number>();
  rows.forEach((row, j) => {
    for (const key of Object.keys(row.conditions)) if (cell(row, key) && !tested.has(key)) tested.set(key, j);
  });
  for (const [key, j] of tested) {
    const unknown = key.startsWith("custom.") ? custom !== undefined && !custom.has(key.slice(7)) : key.startsWith("activity.") && !activities.has(key.slice(9));
    if (!unknown) continue;
    const row = rows[j]!;
    const condition = row.conditions[key]!;
    add({
      severity: "warning",
      code: "UNKNOWN_ATTRIBUTE",
      ...at(row, j),
      message: `${rowName(row, j)} tests "${describeCondition(key, condition)}", but no lead has ${key} (it is always ${formatFact(key.startsWith("activity.") ? 0 : undefined)})`,
    });
  }

  const errors = issues.filter((i) => i.severity === "error");
  return { ok: errors.length === 0, errors, warnings: issues.filter((i) => i.severity === "warning") };
}
