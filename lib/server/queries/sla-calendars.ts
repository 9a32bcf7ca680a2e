import "server-only";
import { CALENDAR_24X7, businessMinutesBetween, type TCalendarLike } from "@/lib/engine/sla";
import { parsePolicyBody } from "@/lib/schemas/policies";
import { ZWorkingHours, type TCalendar, type TSlaClock, type TSlaPolicy } from "@/lib/schemas/policies/sla";
import { db } from "../db";

// Which business calendar a stored clock runs on, for the read side (board, reports).
// calendar_key is written by the clock service:
//   "24x7"            → every minute counts (clocks with businessHours: false);
//   "calendar:<id>"   → that calendar of the clock's SLA policy version;
//   "owner:<user id>" → the owner's own timezone and working hours, with the holidays of the
//                       policy calendar serving the owner's region (else the default one);
// anything unknown, or an owner with no working hours, falls back to the policy's default
// calendar, as the policy says unresolved calendars do.

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

type TOwner = { id: string; timezone: string; workingHours: unknown; region: string | null };

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
  const ownerById = new Map<string, TOwner>(owners.map((o) => [o.id, o]));
  const ownerCalendars = new Map<string, TCalendarLike | undefined>();

  const policy = (versionId: string | null) => (versionId ? bodies.get(versionId) : undefined) ?? activeBody;
  const defaultCalendar = (body: TSlaPolicy) => body.calendars.find((c) => c.id === body.defaultCalendarId);

  function ownerCalendar(body: TSlaPolicy, ownerId: string, versionKey: string): TCalendarLike | undefined {
    const cacheKey = `${versionKey}:${ownerId}`;
    if (ownerCalendars.has(cacheKey)) return ownerCalendars.get(cacheKey);
    const owner = ownerById.get(ownerId);
    const hours = ZWorkingHours.safeParse(owner?.workingHours);
    let calendar: TCalendarLike | undefined = defaultCalendar(body);
    if (owner && hours.success && Object.values(hours.data).some((d) => (d ?? []).length > 0)) {
      const regional = body.calendars.find((c) => c.region !== undefined && c.region === owner.region) ?? defaultCalendar(body);
      const own: TCalendar = { id: `owner:${owner.id}`, name: "Owner", timezone: owner.timezone, workingHours: hours.data, holidays: regional?.holidays ?? [] };
      calendar = own;
    }
    ownerCalendars.set(cacheKey, calendar);
    return calendar;
  }

  return {
    policy,
    clockDefinition: (versionId, kind) => policy(versionId)?.clocks.find((c) => c.id === kind),
    calendarFor(clock) {
      if (clock.calendarKey === "24x7") return CALENDAR_24X7;
      const body = policy(clock.policyVersionId);
      if (!body) return undefined;
      if (clock.calendarKey.startsWith("calendar:")) {
        const id = clock.calendarKey.slice("calendar:".length);
        return body.calendars.find((c) => c.id === id) ?? defaultCalendar(body);
      }
      if (clock.calendarKey.startsWith("owner:")) return ownerCalendar(body, clock.calendarKey.slice(6), clock.policyVersionId ?? "active");
      return defaultCalendar(body);
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
