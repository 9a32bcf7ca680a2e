// The lead row as intake writes it, built in memory (batch/plan-chunk.ts, for a chunk or for
// single intake's one lead), then written by batch/write-chunk.ts: a lead gets the same columns,
// field sources and merge whichever way it arrives. Pure: no database here.
import type { Lead } from "@/lib/generated/prisma/client";
import { mergeLead, type TFieldSources, type TMergeResult } from "@/lib/engine/intake/merge";
import type { TCustomAttribute, TNormalisedLead } from "@/lib/engine/intake/normalise";
import type { TLeadChannel } from "@/lib/schemas/leads";

/** The columns a new lead is created with, from the normalised input. */
function createData(lead: TNormalisedLead) {
  const { isPersonalEmail: _p, normalizedCompany: _n, customAttributes, isPartnerSourced, ...fields } = lead;
  return { ...fields, isPartnerSourced: isPartnerSourced ?? false, customAttributes, region: null };
}

/** Every non-empty field of a new lead is stamped with the channel that set it. */
function sourcesFor(lead: TNormalisedLead, channel: TLeadChannel, at: Date): TFieldSources {
  const sources: TFieldSources = {};
  const iso = at.toISOString(); // once per lead, not per field: batch intake stamps ~15 fields of 20,000 leads
  for (const key in lead) {
    const value = lead[key as keyof TNormalisedLead];
    if (value !== null && value !== "" && key !== "customAttributes") sources[key] = { source: channel, at: iso };
  }
  for (const name in lead.customAttributes) sources[`custom.${name}`] = { source: channel, at: iso };
  return sources;
}

/** A new lead as the database would return it right after the insert (column defaults applied). */
export function newLeadRow(args: { id: string; lead: TNormalisedLead; channel: TLeadChannel; now: Date; accountId: string | null }): Lead {
  const { id, lead, channel, now, accountId } = args;
  return {
    ...createData(lead),
    id,
    accountId,
    fieldSources: sourcesFor(lead, channel, now),
    lifecycleStage: "LEAD",
    fitScore: 0,
    engagementScore: 0,
    negativeScore: 0,
    score: 0,
    ownerId: null,
    queueTeamId: null,
    outcome: null,
    importBatchId: null,
    createdAt: now,
    updatedAt: now,
  } as Lead;
}

/** A stored lead with an incoming one merged into it: the row after the update, and what the merge decided. */
export function mergedLeadRow(existing: Lead, lead: TNormalisedLead, channel: TLeadChannel, now: Date, accountId: string | null): { row: Lead; merge: TMergeResult } {
  const merge = mergeLead(
    { ...existing, customAttributes: existing.customAttributes as Record<string, TCustomAttribute>, fieldSources: existing.fieldSources as TFieldSources, isPartnerSourced: existing.isPartnerSourced },
    lead,
    channel,
    now,
  );
  const data = { ...(merge.changes as object), domain: lead.domain ?? existing.domain, fieldSources: merge.fieldSources, accountId: accountId ?? existing.accountId };
  return { row: { ...existing, ...data, updatedAt: now } as Lead, merge };
}

/** The identities a lead serialises on (advisory locks), in the one order every intake takes them. */
export function identityKeys(lead: Pick<TNormalisedLead, "email" | "externalId">): string[] {
  return [lead.email ? `email:${lead.email}` : null, lead.externalId ? `ext:${lead.externalId}` : null].filter((k): k is string => k !== null).sort();
}
