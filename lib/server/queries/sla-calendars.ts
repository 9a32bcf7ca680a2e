import "server-only";
import { CALENDAR_24X7, businessMinutesBetween, type TCalendarLike } from "@/lib/engine/sla";
import { calendarForKey, type TCalendarOwner } from "@/lib/engine/sla/clock-plan";
import { parsePolicyBody } from "@/lib/schemas/policies";
import type { TSlaClock, TSlaPolicy } from "@/lib/schemas/policies/sla";
import { db } from "../db";

// Which business calendar a stored clock runs on, for the read side (board, reports): the
// clock service's own rule (calendarForKey in lib/engine/sla/clock-plan.ts) applied to the
// clock's policy version (or the active one) and its owner, so the board counts time left
// exactly as the clock counts it. "24x7", "calendar:<id>", "owner:<user id>" (the owner's
// hours with their region's holidays); anything unresolvable → the default calendar.

const MINUTE_MS = 60_000;

// Published and archived versions never change: their parsed bodies are kept (drafts never
// drive clocks, and are not cached). The same object also keeps the engine's compiled calendars.
const parsedById = new Map<string, TSlaPolicy>();
const CACHE_LIMIT = 64;

function parsedBody(v: { id: string; status: string; body: unknown }): TSlaPolicy | undefined {
  const cached = parsedById.get(v.id);
  if (cached) return cached;
  const parsed = parsePolicyBody("SLA", v.body);
  if (!parsed.success) return undefined;
  if (v.status !== "DRAFT") {
    if (parsedById.size >= CACHE_LIMIT) parsedById.clear();
    parsedById.set(v.id, parsed.data);
  }
  return parsed.data;
}

export type TSlaPolicyLookup = {
  /** The clock's policy version's body, or the active SLA policy's when the version is unknown. */
  policy(versionId: string | null): TSlaPolicy | undefined;
  calendarFor(clock: { calendarKey: string; policyVersionId: string | null; ownerId: string | null }): TCalendarLike | undefined;
  clockDefinition(versionId: string | null, kind: string): TSlaClock | undefined;
};

/** Loads the SLA policy versions and owners a set of clocks needs, once. */
export async function loadSlaPolicyLookup(clocks: readonly { calendarKey: string; policyVersionId: string | null; ownerId: string | null }[]): Promise<TSlaPolicyLookup> {
  const versionIds = [...new Set(clocks.flatMap((c) => (c.policyVersionId ? [c.policyVersionId] : [])))];
  const ownerIds = [...new Set(clocks.flatMap((c) => (c.calendarKey.startsWith("owner:") ? [c.calendarKey.slice(6)] : [])))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const [versions, active, owners] = await Promise.all([
    versionIds.length ? db().policyVersion.findMany({ where: { id: { in: versionIds }, kind: "SLA" }, select: { id: true, status: true, body: true } }) : [],
    db().policyVersion.findUnique({ where: { activeKind: "SLA" }, select: { id: true, status: true, body: true } }),
    ownerIds.length ? db().user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, timezone: true, workingHours: true, region: true } }) : [],
  ]);
  const bodies = new Map<string, TSlaPolicy>();
  for (const v of [...versions, ...(active ? [active] : [])]) {
    const body = parsedBody(v);
    if (body) bodies.set(v.id, body);
  }
  const activeBody = active ? bodies.get(active.id) : undefined;
  const ownerById = new Map<string, TCalendarOwner>(owners.map((o) => [o.id, o]));
  // One calendar object per (version, key) and request, so the engine compiles it once.
  const calendars = new Map<string, TCalendarLike>();

  const policy = (versionId: string | null) => (versionId ? bodies.get(versionId) : undefined) ?? activeBody;

  return {
    policy,
    clockDefinition: (versionId, kind) => policy(versionId)?.clocks.find((c) => c.id === kind),
    calendarFor(clock) {
      if (clock.calendarKey === "24x7") return CALENDAR_24X7;
      const body = policy(clock.policyVersionId);
      if (!body) return undefined;
      const cacheKey = `${clock.policyVersionId ?? "active"}:${clock.calendarKey}`;
      let calendar = calendars.get(cacheKey);
      if (!calendar) {
        const owner = clock.calendarKey.startsWith("owner:") ? (ownerById.get(clock.calendarKey.slice("owner:".length)) ?? null) : null;
        calendar = calendarForKey(body, clock.calendarKey, owner);
        calendars.set(cacheKey, calendar);
      }
      return calendar;
    },
  };
}

/**
 * Business minutes from `now` to the deadline on the clock's calendar: negative once overdue.
 * Without a usable calendar (policy deleted, calendar broken) it falls back to wall minutes
 * and says so, rather than hiding the clock.
 */
export function businessMinutesLeft(calendar: TCalendarLike | undefined, now: Date, dueAt: Date): { minutes: number; business: boolean } {
  if (calendar) {
    try {
      return { minutes: businessMinutesBetween(calendar, now, dueAt), business: calendar !== CALENDAR_24X7 };
    } catch {
      // CalendarError: fall through to wall time.
    }
  }
  return { minutes: (dueAt.getTime() - now.getTime()) / MINUTE_MS, business: false };
}
