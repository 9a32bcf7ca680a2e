import "server-only";
import type { TClockStart } from "./types";

// Which clocks a lead gets, shared by the single-lead intake and the batch path (which calls
// startClocks with many of these at once).

/**
 * Activity types that count as the owner's first touch and stop LEAD_FIRST_TOUCH: a call, a
 * sent e-mail or message, a meeting. Prospect behaviour (visits, opens, downloads) does not:
 * it says nothing about whether sales reached out.
 */
export const FIRST_TOUCH_ACTIVITY_TYPES: readonly string[] = ["call", "call_connected", "email_sent", "sms_sent", "linkedin_message", "meeting", "meeting_booked", "meeting_held"];

/**
 * First touch when the lead was just placed with an owner or a queue, and MQL accept when it
 * has just become an MQL; nothing for a lead with neither owner nor queue.
 */
export function leadClockStarts(lead: { leadId: string; ownerId: string | null; queueTeamId: string | null; region: string | null; assigned: boolean; becameMql: boolean }): TClockStart[] {
  if (!lead.ownerId && !lead.queueTeamId) return [];
  const base = { subjectType: "LEAD" as const, subjectId: lead.leadId, ownerId: lead.ownerId, teamId: lead.queueTeamId, region: lead.region };
  const who = lead.ownerId ? "its owner" : "a team queue";
  const starts: TClockStart[] = [];
  if (lead.assigned) starts.push({ ...base, kind: "LEAD_FIRST_TOUCH", reason: `the lead was assigned to ${who}` });
  if (lead.becameMql) starts.push({ ...base, kind: "MQL_ACCEPT", reason: "the lead became a marketing qualified lead" });
  return starts;
}
